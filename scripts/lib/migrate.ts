import { createHash } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import postgres from "postgres";

export const MIGRATIONS_DIR = new URL("../../supabase/migrations/", import.meta.url).pathname;

// Supabase CLI naming: <14-digit timestamp>_<name>.sql
const MIGRATION_FILE = /^(\d{14})_([a-z0-9_]+)\.sql$/;

export interface MigrationFile {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  skipped: string[];
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((f) => f.endsWith(".sql")).sort();
  return Promise.all(
    names.map(async (file) => {
      const match = MIGRATION_FILE.exec(file);
      if (!match) throw new Error(`Migration ${file} must be named <YYYYMMDDHHMMSS>_<snake_name>.sql`);
      const sql = await readFile(join(dir, file), "utf8");
      return { version: match[1]!, name: match[2]!, sql, checksum: sha256(sql) };
    }),
  );
}

/**
 * Applies pending migrations in order, each in its own transaction, recording them in the table the
 * Supabase CLI uses, so `supabase db push` and this runner agree on what is applied. Safe to re-run and
 * to run concurrently (an advisory lock serialises runners). An applied file that changed is an error.
 */
export async function migrate(databaseUrl: string, dir = MIGRATIONS_DIR): Promise<MigrateResult> {
  const files = await readMigrations(dir);
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {}, fetch_types: false });
  const result: MigrateResult = { applied: [], skipped: [] };
  try {
    await ensureHistoryTable(sql);
    for (const file of files) {
      const applied = await applyOne(sql, file);
      (applied ? result.applied : result.skipped).push(`${file.version}_${file.name}`);
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
  return result;
}

async function ensureHistoryTable(sql: postgres.Sql): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext('rarity_leads.migrate'))`;
    await tx.unsafe(`
      create schema if not exists supabase_migrations;
      create table if not exists supabase_migrations.schema_migrations (
        version text primary key, statements text[], name text
      );
      alter table supabase_migrations.schema_migrations add column if not exists checksum text;
      alter table supabase_migrations.schema_migrations add column if not exists applied_at timestamptz default now();
    `);
  });
}

async function applyOne(sql: postgres.Sql, file: MigrationFile): Promise<boolean> {
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext('rarity_leads.migrate'))`;
    const [row] = await tx<{ checksum: string | null }[]>`
      select checksum from supabase_migrations.schema_migrations where version = ${file.version}`;
    if (row) {
      if (row.checksum && row.checksum !== file.checksum) {
        throw new Error(
          `Migration ${file.version}_${file.name} was changed after it was applied; add a new migration instead.`,
        );
      }
      return false;
    }
    await tx.unsafe(file.sql);
    await tx`
      insert into supabase_migrations.schema_migrations (version, name, statements, checksum)
      values (${file.version}, ${file.name}, array[${file.sql}::text], ${file.checksum})`;
    return true;
  });
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
