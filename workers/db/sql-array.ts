import { sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";

/**
 * A Postgres array literal of bound parameters (`array[$1, $2]::type[]`): drizzle expands a bare JS array
 * into a parenthesised list, which `unnest` and `= any(…)` cannot take. `type` is one of ours, never input.
 */
export function sqlArray(values: readonly unknown[], type: "text" | "uuid" | "jsonb" | "timestamptz"): SQL {
  if (values.length === 0) return sql`array[]::${sql.raw(type)}[]`;
  return sql`array[${sql.join(
    values.map((v) => sql`${v}::${sql.raw(type)}`),
    sql`, `,
  )}]`;
}
