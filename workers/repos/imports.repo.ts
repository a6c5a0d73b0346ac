import { and, asc, eq, sql } from "drizzle-orm";
import { importChunks, importErrors, imports, leadListMembers, leadLists } from "../db/schema";
import type { Queryable } from "../db/tenant";

export const importColumns = {
  id: imports.id,
  workspaceId: imports.workspaceId,
  createdBy: imports.createdBy,
  listId: imports.listId,
  listName: imports.listName,
  fileName: imports.fileName,
  status: imports.status,
  encoding: imports.encoding,
  delimiter: imports.delimiter,
  headers: imports.headers,
  mapping: imports.mapping,
  source: imports.source,
  totalBytes: imports.totalBytes,
  chunkCount: imports.chunkCount,
  nextSeq: imports.nextSeq,
  carry: imports.carry,
  totalRows: imports.totalRows,
  imported: imports.imported,
  merged: imports.merged,
  failed: imports.failed,
  error: imports.error,
  createdAt: imports.createdAt,
  startedAt: imports.startedAt,
  finishedAt: imports.finishedAt,
};
export type ImportRecord = NonNullable<Awaited<ReturnType<typeof findImport>>>;
export type NewImport = typeof imports.$inferInsert;

export function insertImport(db: Queryable, values: NewImport) {
  return db
    .insert(imports)
    .values(values)
    .returning(importColumns)
    .then((rows) => rows[0]!);
}

export function updateImport(db: Queryable, workspaceId: string, id: string, values: Partial<NewImport>) {
  return db
    .update(imports)
    .set(values)
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id)))
    .returning(importColumns)
    .then((rows) => rows[0]);
}

export function findImport(db: Queryable, workspaceId: string, id: string, lock = false) {
  const query = db
    .select(importColumns)
    .from(imports)
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id)));
  return (lock ? query.for("update") : query).then((rows) => rows[0]);
}

export function deleteImport(db: Queryable, workspaceId: string, id: string) {
  return db.delete(imports).where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id)));
}

export function insertChunk(db: Queryable, workspaceId: string, importId: string, seq: number, data: Uint8Array) {
  return db.insert(importChunks).values({ importId, workspaceId, seq, data });
}

export function readChunk(db: Queryable, workspaceId: string, importId: string, seq: number) {
  return db
    .select({ data: importChunks.data })
    .from(importChunks)
    .where(
      and(eq(importChunks.workspaceId, workspaceId), eq(importChunks.importId, importId), eq(importChunks.seq, seq)),
    )
    .then((rows) => rows[0]?.data);
}

export function deleteChunks(db: Queryable, workspaceId: string, importId: string) {
  return db
    .delete(importChunks)
    .where(and(eq(importChunks.workspaceId, workspaceId), eq(importChunks.importId, importId)));
}

export function insertErrors(db: Queryable, rows: (typeof importErrors.$inferInsert)[]) {
  if (rows.length === 0) return Promise.resolve();
  return db.insert(importErrors).values(rows).onConflictDoNothing();
}

export function listErrors(db: Queryable, workspaceId: string, importId: string, limit?: number) {
  const query = db
    .select({
      row: importErrors.rowNumber,
      column: importErrors.columnName,
      message: importErrors.message,
      raw: importErrors.raw,
    })
    .from(importErrors)
    .where(and(eq(importErrors.workspaceId, workspaceId), eq(importErrors.importId, importId)))
    .orderBy(asc(importErrors.rowNumber));
  return limit ? query.limit(limit) : query;
}

/** The named list, created on first use. */
export function ensureList(db: Queryable, workspaceId: string, createdBy: string, name: string) {
  return db
    .insert(leadLists)
    .values({ workspaceId, createdBy, name })
    .onConflictDoUpdate({ target: [leadLists.workspaceId, leadLists.name], set: { name: sql`excluded.name` } })
    .returning({ id: leadLists.id })
    .then((rows) => rows[0]!.id);
}

export function addListMembers(db: Queryable, workspaceId: string, listId: string, leadIds: string[]) {
  if (leadIds.length === 0) return Promise.resolve();
  return db
    .insert(leadListMembers)
    .values(leadIds.map((leadId) => ({ listId, leadId, workspaceId })))
    .onConflictDoNothing();
}
