import { and, desc, eq, sql } from "drizzle-orm";
import { leadRequestLeads, leadRequests } from "../db/schema";
import type { Queryable } from "../db/tenant";

export const leadRequestColumns = {
  id: leadRequests.id,
  description: leadRequests.descriptionText,
  filters: leadRequests.filters,
  status: leadRequests.status,
  icp: leadRequests.icp,
  requestedSources: leadRequests.requestedSources,
  resultLimit: leadRequests.resultLimit,
  sourceResults: leadRequests.sourceResults,
  llm: leadRequests.llm,
  error: leadRequests.error,
  startedAt: leadRequests.startedAt,
  finishedAt: leadRequests.finishedAt,
  durationMs: leadRequests.durationMs,
  createdAt: leadRequests.createdAt,
};
export type LeadRequestRecord = Awaited<ReturnType<typeof findLeadRequest>> & {};
export type NewLeadRequest = typeof leadRequests.$inferInsert;

export function insertLeadRequest(db: Queryable, values: NewLeadRequest) {
  return db
    .insert(leadRequests)
    .values(values)
    .returning(leadRequestColumns)
    .then((rows) => rows[0]!);
}

export function updateLeadRequest(db: Queryable, workspaceId: string, id: string, values: Partial<NewLeadRequest>) {
  return db
    .update(leadRequests)
    .set(values)
    .where(and(eq(leadRequests.workspaceId, workspaceId), eq(leadRequests.id, id)))
    .returning(leadRequestColumns)
    .then((rows) => rows[0]);
}

export function findLeadRequest(db: Queryable, workspaceId: string, id: string) {
  return db
    .select(leadRequestColumns)
    .from(leadRequests)
    .where(and(eq(leadRequests.workspaceId, workspaceId), eq(leadRequests.id, id)))
    .then((rows) => rows[0]);
}

/** Newest first; the cursor is the last row's (created_at, id). */
export function listLeadRequests(
  db: Queryable,
  workspaceId: string,
  limit: number,
  after?: { createdAt: Date; id: string },
) {
  // Cursors carry milliseconds; Postgres keeps microseconds, so order and compare at the cursor's precision.
  const createdMs = sql`date_trunc('milliseconds', ${leadRequests.createdAt})`;
  const cursor = after
    ? sql`(${createdMs}, ${leadRequests.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`
    : undefined;
  return db
    .select(leadRequestColumns)
    .from(leadRequests)
    .where(and(eq(leadRequests.workspaceId, workspaceId), cursor))
    .orderBy(sql`${createdMs} desc`, desc(leadRequests.id))
    .limit(limit);
}

export function insertResults(db: Queryable, rows: (typeof leadRequestLeads.$inferInsert)[]) {
  if (rows.length === 0) return Promise.resolve();
  return db
    .insert(leadRequestLeads)
    .values(rows)
    .onConflictDoUpdate({
      target: [leadRequestLeads.requestId, leadRequestLeads.leadId],
      set: { rank: sql`excluded.rank`, score: sql`excluded.score` },
    });
}

export function resultLeadIds(db: Queryable, workspaceId: string, requestId: string) {
  return db
    .select({ leadId: leadRequestLeads.leadId, rank: leadRequestLeads.rank })
    .from(leadRequestLeads)
    .where(and(eq(leadRequestLeads.workspaceId, workspaceId), eq(leadRequestLeads.requestId, requestId)))
    .orderBy(leadRequestLeads.rank);
}
