import type { Db } from "../db/client";
import { asUser } from "../db/tenant";
import { decodeCursor, encodeCursor } from "../lib/cursor";
import { listImports as listImportRows } from "../repos/import-list.repo";
import type { Actor } from "../services/actor";
import { importJson } from "./import.service";

/** A page of the workspace's imports, newest first, without their row errors (GET /api/imports/{id} has those). */
export async function listImports(db: Db, actor: Actor, limit: number, cursor?: string) {
  const after = cursor ? decodeCursor(cursor) : undefined;
  const rows = await asUser(db, actor.claims, (tx) => listImportRows(tx, actor.workspaceId, limit + 1, after));
  const page = rows.slice(0, limit);
  return {
    imports: page.map((row) => {
      const { errors: _errors, ...summary } = importJson(row, []);
      return summary;
    }),
    nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null,
  };
}
