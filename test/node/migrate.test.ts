import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterEach, describe, expect, it } from "vitest";
import { migrate } from "../../scripts/lib/migrate.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  cleanups.push(database.drop);
  return database;
}

async function migrationsDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "rarity-migrations-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  for (const [name, sql] of Object.entries(files)) await writeFile(join(dir, name), sql);
  return dir;
}

async function query<T extends object>(url: string, text: string): Promise<T[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return (await sql.unsafe(text)) as unknown as T[];
  } finally {
    await sql.end();
  }
}

describe("db:migrate", () => {
  it("applies the project's migrations to an empty database with RLS enabled, forced and policed on every table", async () => {
    const { url } = await freshDatabase();
    const first = await migrate(url);
    expect(first.applied.length).toBeGreaterThan(0);
    const tables = await query<{ relname: string; rls: boolean; forced: boolean; policies: number }>(
      url,
      `select c.relname, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
              (select count(*)::int from pg_policies p
               where p.schemaname = n.nspname and p.tablename = c.relname) as policies
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname in ('public', 'session_host') and c.relkind in ('r', 'p') order by 1`,
    );
    expect(tables.map((t) => t.relname)).toEqual(
      expect.arrayContaining([
        "crm_pipelines",
        "dead_letter_jobs",
        "lead_requests",
        "leads",
        "pipelines",
        "workspaces",
        "workspace_members",
        "api_keys",
        "audit_log",
        // The session-host's own schema: stored WhatsApp logins are as protected as anything else.
        "auth_keys",
        "outbound",
      ]),
    );
    // Every table, including ones added later, must be protected: a new table without policies fails here.
    expect(tables.filter((t) => !t.rls || !t.forced || t.policies === 0)).toEqual([]);

    const again = await migrate(url);
    expect(again).toEqual({ applied: [], skipped: first.applied });
  });

  it("keeps the session-host's tables (stored WhatsApp logins) out of reach of signed-in users and the public", async () => {
    const { url } = await freshDatabase();
    await migrate(url);
    for (const role of ["authenticated", "anon"]) {
      await expect(
        query(url, `begin; set local role ${role}; select count(*) from session_host.auth_keys; commit;`),
      ).rejects.toThrow(/permission denied/);
    }
  });

  it("applies new files in name order and records each with its checksum", async () => {
    const { url } = await freshDatabase();
    const dir = await migrationsDir({
      "20260101000002_add_column.sql": "alter table things add column label text;",
      "20260101000001_create.sql": "create table things (id int primary key);",
    });
    expect((await migrate(url, dir)).applied).toEqual(["20260101000001_create", "20260101000002_add_column"]);
    const history = await query<{ version: string; checksum: string }>(
      url,
      "select version, checksum from supabase_migrations.schema_migrations order by version",
    );
    expect(history.map((h) => h.version)).toEqual(["20260101000001", "20260101000002"]);
    expect(history.every((h) => /^[0-9a-f]{64}$/.test(h.checksum))).toBe(true);
  });

  it("refuses to continue when an applied migration was edited", async () => {
    const { url } = await freshDatabase();
    const dir = await migrationsDir({ "20260101000001_create.sql": "create table things (id int primary key);" });
    await migrate(url, dir);
    await writeFile(join(dir, "20260101000001_create.sql"), "create table things (id bigint primary key);");
    await expect(migrate(url, dir)).rejects.toThrow(/was changed after it was applied/);
  });

  it("rolls back a failing migration completely and does not record it", async () => {
    const { url } = await freshDatabase();
    const dir = await migrationsDir({
      "20260101000001_ok.sql": "create table kept (id int);",
      "20260101000002_broken.sql": "create table half_done (id int); select * from missing_table;",
    });
    await expect(migrate(url, dir)).rejects.toThrow(/missing_table/);
    const present = await query<{ name: string }>(
      url,
      "select to_regclass('half_done')::text as name union all select to_regclass('kept')::text",
    );
    expect(present.map((p) => p.name)).toEqual([null, "kept"]);
    const versions = await query<{ version: string }>(url, "select version from supabase_migrations.schema_migrations");
    expect(versions.map((v) => v.version)).toEqual(["20260101000001"]);
  });

  it("lets two runners race without applying anything twice", async () => {
    const { url } = await freshDatabase();
    const dir = await migrationsDir({
      "20260101000001_create.sql": "create table counter (n int); insert into counter values (1);",
      "20260101000002_bump.sql": "update counter set n = n + 1;",
    });
    const [a, b] = await Promise.all([migrate(url, dir), migrate(url, dir)]);
    expect([...a.applied, ...b.applied].sort()).toEqual(["20260101000001_create", "20260101000002_bump"]);
    expect(await query(url, "select n from counter")).toEqual([{ n: 2 }]);
  });

  it("rejects files that do not follow the Supabase CLI naming", async () => {
    const { url } = await freshDatabase();
    const dir = await migrationsDir({ "001_init.sql": "select 1;" });
    await expect(migrate(url, dir)).rejects.toThrow(/must be named <YYYYMMDDHHMMSS>_<snake_name>\.sql/);
  });
});
