// Each test file gets its own freshly migrated database: hosts claim every runnable session they can see, so
// files sharing one database would run each other's sessions.
import postgres from "postgres";
import { migrate } from "../../../scripts/lib/migrate.ts";
import { createTestDatabase } from "../../../test/support/database.ts";

export interface FileDatabase {
  url: string;
  sql: postgres.Sql;
  drop(): Promise<void>;
}

export async function fileDatabase(): Promise<FileDatabase> {
  const db = await createTestDatabase();
  await migrate(db.url);
  const sql = postgres(db.url, { max: 4, onnotice: () => {} });
  return {
    url: db.url,
    sql,
    async drop() {
      await sql.end({ timeout: 2 });
      await db.drop();
    },
  };
}

/** A workspace (and its owner) for session rows to belong to. */
export async function createWorkspace(sql: postgres.Sql): Promise<string> {
  const [user] = await sql<{ id: string }[]>`
    insert into auth.users (email) values (${`owner-${crypto.randomUUID()}@host.test`}) returning id`;
  const [ws] = await sql<{ id: string }[]>`
    insert into public.workspaces (name, created_by) values ('Host test', ${user!.id}) returning id`;
  return ws!.id;
}
