// Keyset cursors that carry a timestamptz exactly. Postgres keeps microseconds and JavaScript Dates only
// milliseconds, so a cursor built from a Date would skip or repeat rows that share a millisecond. These carry
// the key as Postgres printed it (see `exactTime`), and Postgres parses it back to the same instant.
import { sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { AppError } from "./app-error";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// What `exactTime` prints: UTC, always six fractional digits; years 1970–9999 (both sides agree on them).
const EXACT = /^(19[7-9]\d|[2-9]\d{3})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export const isUuid = (value: unknown): value is string => typeof value === "string" && UUID.test(value);

/** What `exactTime` prints, and a real instant (shaped like one is not enough: month 13 would fail in Postgres). */
export const isExactTime = (value: unknown): value is string =>
  typeof value === "string" && EXACT.test(value) && !Number.isNaN(Date.parse(value));

/** The SQL text of a timestamptz with all six fractional digits, in UTC, for a cursor. */
export function exactTime(column: SQL | SQL.Aliased | unknown): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

export interface ExactKey {
  at: string;
  id: string;
}

export function encodeExactCursor(key: ExactKey): string {
  return btoa(`${key.at}|${key.id}`).replace(/=+$/, "");
}

/** Only a cursor this API could have written is accepted; anything else is a 422 on `field`. */
export function decodeExactCursor(cursor: string, field = "cursor"): ExactKey {
  try {
    const [at, id, ...rest] = atob(cursor).split("|");
    if (rest.length > 0 || !isExactTime(at) || !isUuid(id)) throw new Error("bad cursor");
    return { at: at!, id: id! };
  } catch {
    throw new AppError("VALIDATION_FAILED", "The request query is not valid.", {
      location: "query",
      fields: { [field]: ["Not a cursor this API returned."] },
    });
  }
}

/** `(time, id) < (cursor)` for a newest-first list ordered by `time desc, id desc`. */
export function beforeKey(time: SQL | unknown, id: unknown, key: ExactKey): SQL {
  return sql`(${time}, ${id}) < (${key.at}::timestamptz, ${key.id}::uuid)`;
}
