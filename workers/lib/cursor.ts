// Opaque keyset cursors over (created_at, id), shared by every newest-first list.
import { AppError } from "./app-error";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Timestamps Postgres and JavaScript agree on (a year 0 or 275760 date parses in JS, not in Postgres).
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31);

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return btoa(`${row.createdAt.toISOString()}|${row.id}`).replace(/=+$/, "");
}

/**
 * Only a cursor this API could have written is accepted: it must decode to an ISO timestamp in range and a
 * UUID, and encode back to itself. Anything else is a 422 on `cursor`, never a database error.
 */
export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [at, id, ...rest] = atob(cursor).split("|");
    const createdAt = new Date(at!);
    const time = createdAt.getTime();
    if (rest.length > 0 || !UUID.test(id ?? "") || !(time >= EARLIEST && time <= LATEST)) throw new Error("bad cursor");
    if (encodeCursor({ createdAt, id: id! }) !== cursor.replace(/=+$/, "")) throw new Error("not ours");
    return { createdAt, id: id! };
  } catch {
    throw new AppError("VALIDATION_FAILED", "The request query is not valid.", {
      location: "query",
      fields: { cursor: ["Not a cursor this API returned."] },
    });
  }
}
