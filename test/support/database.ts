// Test databases: a fresh database on the machine's Postgres server when one answers (fast, parallel),
// otherwise a fresh embedded PGlite (slower, but the suite still runs on a machine with nothing installed).
import postgres from "postgres";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres.ts";
import { freePort } from "../../scripts/lib/processes.ts";

export const SERVER_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  url: string;
  kind: "server" | "embedded";
  drop(): Promise<void>;
}

let serverAvailable: Promise<boolean> | undefined;

export function postgresServerAnswers(): Promise<boolean> {
  serverAvailable ??= (async () => {
    const sql = postgres(SERVER_URL, { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      await sql`select 1`;
      return true;
    } catch {
      return false;
    } finally {
      await sql.end({ timeout: 1 }).catch(() => {});
    }
  })();
  return serverAvailable;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (await postgresServerAnswers()) {
    const name = `rarity_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = new URL(SERVER_URL);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      kind: "server",
      async drop() {
        const sql = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
        await sql.unsafe(`drop database if exists ${name} with (force)`);
        await sql.end();
      },
    };
  }
  const embedded = await startEmbeddedPostgres({ port: await freePort() });
  return { url: embedded.url, kind: "embedded", drop: embedded.stop };
}
