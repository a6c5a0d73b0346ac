import { join } from "node:path";
import { startEmbeddedPostgres } from "./embedded-postgres.ts";
import { ROOT } from "./processes.ts";

export const DEFAULT_EMBEDDED_DATA_DIR = join(ROOT, ".data/pglite");
export const DEFAULT_EMBEDDED_PORT = 54329;

export interface DatabaseTarget {
  url: string;
  kind: "external" | "embedded";
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded Postgres, keeping its data under `.data/pglite` by default. */
export async function resolveDevDatabase(): Promise<DatabaseTarget> {
  const url = process.env.DATABASE_URL;
  if (url) return { url, kind: "external", stop: async () => {} };
  const port = Number(process.env.EMBEDDED_PG_PORT) || DEFAULT_EMBEDDED_PORT;
  try {
    const dataDir = process.env.EMBEDDED_PG_DATA_DIR || DEFAULT_EMBEDDED_DATA_DIR;
    const embedded = await startEmbeddedPostgres({ dataDir, port });
    return { url: embedded.url, kind: "embedded", stop: embedded.stop };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(
      `Could not start the embedded Postgres on port ${port} (${reason}). Is another \`bun run dev\` running? ` +
        "Set EMBEDDED_PG_PORT to use another port, or DATABASE_URL to use your own Postgres.",
    );
  }
}

/**
 * Hyperdrive's local mode refuses connection strings without a password. Servers with trust auth
 * (the usual local setup) ignore whatever password is sent, so a placeholder is added when none is given.
 */
export function withPasswordForHyperdrive(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.password) return databaseUrl;
  if (!url.username) url.username = "postgres";
  url.password = "postgres";
  return url.toString();
}
