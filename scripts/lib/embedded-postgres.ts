import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** A folder to keep data in across restarts, or undefined for a throw-away in-memory database. */
  dataDir?: string;
  port: number;
  host?: string;
}

/**
 * Real Postgres compiled to WASM, served over the wire protocol so the Worker (through Hyperdrive's local
 * mode) and our scripts connect to it like any server. All connections share one backend, so it is for
 * "runs with nothing installed", not for load.
 */
export async function startEmbeddedPostgres({
  dataDir,
  port,
  host = "127.0.0.1",
}: EmbeddedOptions): Promise<EmbeddedPostgres> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir ?? "memory://");
  const server = new PGLiteSocketServer({ db, port, host, maxConnections: 20 });
  await server.start();
  let stopped = false;
  return {
    url: `postgres://postgres:postgres@${host}:${port}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      // Closing PGlite flushes its files, which is what makes dev data survive a restart.
      await db.close();
    },
  };
}
