// Opaque keyset cursors over (created_at, id), shared by every newest-first list.
import { AppError } from "./app-error";

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return btoa(`${row.createdAt.toISOString()}|${row.id}`).replace(/=+$/, "");
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [at, id] = atob(cursor).split("|");
    const createdAt = new Date(at!);
    if (Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id ?? "")) throw new Error("bad cursor");
    return { createdAt, id: id! };
  } catch {
    throw new AppError("VALIDATION_FAILED", "The request query is not valid.", { location: "query", fields: { cursor: ["Not a cursor this API returned."] } });
  }
}
