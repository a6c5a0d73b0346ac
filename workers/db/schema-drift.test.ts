// The drizzle schema mirrors the migrations (the SQL is the source of truth). This compares the two on the
// migrated test database: tables, columns, types, nullability and whether a database default exists — both
// ways — and lists every difference, so a migration without its schema.ts change (or the reverse) fails here.
import { env } from "cloudflare:test";
import { is, sql } from "drizzle-orm";
import { PgTable, getTableConfig } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { openDb } from "./client";
import * as schema from "./schema";

interface ColumnFacts {
  type: string;
  notNull: boolean;
  hasDefault: boolean;
}
type Tables = Map<string, Map<string, ColumnFacts>>;

function fromDrizzle(): Tables {
  const tables: Tables = new Map();
  for (const value of Object.values(schema)) {
    if (!is(value, PgTable)) continue;
    const config = getTableConfig(value);
    const columns = new Map<string, ColumnFacts>();
    for (const column of config.columns) {
      const { generated, generatedIdentity } = column as { generated?: unknown; generatedIdentity?: unknown };
      columns.set(column.name, {
        type: column.getSQLType(),
        notNull: column.notNull,
        hasDefault: column.default !== undefined || Boolean(generated) || Boolean(generatedIdentity),
      });
    }
    tables.set(`${config.schema ?? "public"}.${config.name}`, columns);
  }
  return tables;
}

async function fromDatabase(schemas: string[]): Promise<Tables> {
  const { db } = openDb(env.HYPERDRIVE.connectionString);
  const rows = (await db.execute(sql`
    select n.nspname as schema, c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type,
           a.attnotnull as not_null, (a.atthasdef or a.attgenerated <> '' or a.attidentity <> '') as has_default
    from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped and n.nspname in ${schemas}
    order by 1, 2, a.attnum`)) as unknown as {
    schema: string;
    table: string;
    column: string;
    type: string;
    not_null: boolean;
    has_default: boolean;
  }[];
  const tables: Tables = new Map();
  for (const r of rows) {
    const key = `${r.schema}.${r.table}`;
    if (!tables.has(key)) tables.set(key, new Map());
    tables.get(key)!.set(r.column, { type: r.type, notNull: r.not_null, hasDefault: r.has_default });
  }
  return tables;
}

/** Every difference between the two descriptions, as readable lines. */
function schemaDifferences(code: Tables, database: Tables): string[] {
  const out: string[] = [];
  for (const [table, _columns] of database)
    if (!code.has(table)) out.push(`${table}: in the database, not in schema.ts`);
  for (const [table, columns] of code) {
    const actual = database.get(table);
    if (!actual) {
      out.push(`${table}: in schema.ts, not in the database`);
      continue;
    }
    for (const name of actual.keys())
      if (!columns.has(name)) out.push(`${table}.${name}: in the database, not in schema.ts`);
    for (const [name, declared] of columns) {
      const real = actual.get(name);
      if (!real) {
        out.push(`${table}.${name}: in schema.ts, not in the database`);
        continue;
      }
      if (declared.type !== real.type)
        out.push(`${table}.${name}: type ${declared.type} in schema.ts, ${real.type} in the database`);
      if (declared.notNull !== real.notNull)
        out.push(
          `${table}.${name}: ${declared.notNull ? "not null" : "nullable"} in schema.ts, ${real.notNull ? "not null" : "nullable"} in the database`,
        );
      if (declared.hasDefault !== real.hasDefault)
        out.push(
          `${table}.${name}: ${declared.hasDefault ? "a default" : "no default"} in schema.ts, ${real.hasDefault ? "a default" : "no default"} in the database`,
        );
    }
  }
  return out;
}

describe("workers/db/schema.ts against the migrated database", () => {
  it("agrees on every table and column (type, nullability, default), both ways", async () => {
    const code = fromDrizzle();
    const schemas = [...new Set([...code.keys()].map((k) => k.split(".")[0]!))];
    expect(schemas).toEqual(["public"]);
    expect(schemaDifferences(code, await fromDatabase(schemas))).toEqual([]);
  });

  it("names each kind of difference", () => {
    const col = (type: string, notNull = false, hasDefault = false) => ({ type, notNull, hasDefault });
    const code: Tables = new Map([
      [
        "public.t",
        new Map([
          ["a", col("text", true)],
          ["b", col("uuid")],
          ["gone", col("text")],
        ]),
      ],
    ]);
    const db: Tables = new Map([
      [
        "public.t",
        new Map([
          ["a", col("text")],
          ["b", col("text", false, true)],
          ["extra", col("integer")],
        ]),
      ],
      ["public.u", new Map()],
    ]);
    expect(schemaDifferences(code, db).sort()).toEqual(
      [
        "public.u: in the database, not in schema.ts",
        "public.t.extra: in the database, not in schema.ts",
        "public.t.gone: in schema.ts, not in the database",
        "public.t.a: not null in schema.ts, nullable in the database",
        "public.t.b: type uuid in schema.ts, text in the database",
        "public.t.b: no default in schema.ts, a default in the database",
      ].sort(),
    );
  });
});
