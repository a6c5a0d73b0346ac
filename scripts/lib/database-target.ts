import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, mkdir, rename, rm } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, dirname, join } from "node:path";
import { startEmbeddedPostgres } from "./embedded-postgres.ts";
import { ROOT } from "./processes.ts";

/**
 * The embedded database lives outside the project folder, so no dev server or static host serving the
 * project can ever hand it out; one folder per checkout, so two clones never share data.
 */
export const DEFAULT_EMBEDDED_DATA_DIR = join(
  process.env.XDG_DATA_HOME || join(homedir(), ".local/share"),
  "rarity-leads",
  `${basename(ROOT.replace(/\/$/, ""))}-${createHash("sha256").update(ROOT).digest("hex").slice(0, 8)}`,
  "pglite",
);
/** Where earlier versions kept it, inside the project. */
const LEGACY_DATA_DIR = join(ROOT, ".data/pglite");
export const DEFAULT_EMBEDDED_PORT = 54329;

export interface DatabaseTarget {
  url: string;
  kind: "external" | "embedded";
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded Postgres, keeping its data in DEFAULT_EMBEDDED_DATA_DIR. */
export async function resolveDevDatabase(): Promise<DatabaseTarget> {
  const url = process.env.DATABASE_URL;
  if (url) return { url, kind: "external", stop: async () => {} };
  const port = Number(process.env.EMBEDDED_PG_PORT) || DEFAULT_EMBEDDED_PORT;
  try {
    const dataDir = process.env.EMBEDDED_PG_DATA_DIR || (await moveLegacyData(DEFAULT_EMBEDDED_DATA_DIR));
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

/** Moves a database an earlier version kept in `.data/pglite` to the new place, once. */
async function moveLegacyData(target: string): Promise<string> {
  if (!existsSync(LEGACY_DATA_DIR) || existsSync(target)) return target;
  await mkdir(dirname(target), { recursive: true });
  try {
    await rename(LEGACY_DATA_DIR, target);
  } catch {
    // Another file system (EXDEV): copy, then remove.
    await cp(LEGACY_DATA_DIR, target, { recursive: true });
    await rm(LEGACY_DATA_DIR, { recursive: true, force: true });
  }
  console.log(`[dev] moved the embedded database from .data/pglite to ${target}`);
  return target;
}
