import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import { crmPipelines, leads, pipelineCardEvents, pipelineCardNotes, pipelines } from "../db/schema";
import type { PipelineStage } from "../db/schema";
import type { Queryable } from "../db/tenant";

const pipelineColumns = {
  id: pipelines.id,
  name: pipelines.name,
  createdAt: pipelines.createdAt,
  updatedAt: pipelines.updatedAt,
};

export function listPipelines(db: Queryable, workspaceId: string) {
  return db
    .select({
      ...pipelineColumns,
      cardCount: sql<number>`(select count(*)::int from crm_pipelines c where c.pipeline_id = "pipelines"."id")`,
    })
    .from(pipelines)
    .where(eq(pipelines.workspaceId, workspaceId))
    .orderBy(asc(pipelines.createdAt));
}

export function findPipeline(db: Queryable, workspaceId: string, id: string) {
  return db
    .select(pipelineColumns)
    .from(pipelines)
    .where(and(eq(pipelines.workspaceId, workspaceId), eq(pipelines.id, id)))
    .then((r) => r[0]);
}

/** Inserts unless the workspace already has a pipeline of that name (unique, case-insensitive): then undefined. */
export function insertPipeline(
  db: Queryable,
  values: { workspaceId: string; userId: string; createdBy: string; name: string },
) {
  return db
    .insert(pipelines)
    .values(values)
    .onConflictDoNothing()
    .returning(pipelineColumns)
    .then((r) => r[0]);
}

export function findPipelineByName(db: Queryable, workspaceId: string, name: string) {
  return db
    .select(pipelineColumns)
    .from(pipelines)
    .where(and(eq(pipelines.workspaceId, workspaceId), sql`lower(btrim(${pipelines.name})) = lower(btrim(${name}))`))
    .then((r) => r[0]);
}

export function renamePipeline(db: Queryable, workspaceId: string, id: string, name: string) {
  return db
    .update(pipelines)
    .set({ name })
    .where(and(eq(pipelines.workspaceId, workspaceId), eq(pipelines.id, id)))
    .returning(pipelineColumns)
    .then((r) => r[0]);
}

export function deletePipeline(db: Queryable, workspaceId: string, id: string) {
  return db
    .delete(pipelines)
    .where(and(eq(pipelines.workspaceId, workspaceId), eq(pipelines.id, id)))
    .returning({ id: pipelines.id });
}

export function countCards(db: Queryable, pipelineId: string) {
  return db
    .select({ n: count() })
    .from(crmPipelines)
    .where(eq(crmPipelines.pipelineId, pipelineId))
    .then((r) => r[0]?.n ?? 0);
}

/** Serialises writes to one board so rank keys are computed from a stable column. */
export async function lockBoard(db: Queryable, pipelineId: string) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('board:' || ${pipelineId}))`);
}

export const cardColumns = {
  id: crmPipelines.id,
  pipelineId: crmPipelines.pipelineId,
  leadId: crmPipelines.leadId,
  stage: crmPipelines.stage,
  rank: crmPipelines.rank,
  status: crmPipelines.status,
  notes: crmPipelines.notes,
  version: crmPipelines.version,
  updatedAt: crmPipelines.updatedAt,
  lead: {
    id: leads.id,
    fullName: leads.fullName,
    companyName: leads.companyName,
    jobTitle: leads.jobTitle,
    mainChannel: leads.mainChannel,
    tags: leads.tags,
    score: leads.score,
    timezone: leads.timezone,
    bestContactTime: leads.bestContactTime,
  },
};

export type CardRow = Awaited<ReturnType<typeof boardCards>>[number];

export function boardCards(db: Queryable, workspaceId: string, pipelineId: string) {
  return db
    .select(cardColumns)
    .from(crmPipelines)
    .innerJoin(leads, eq(leads.id, crmPipelines.leadId))
    .where(and(eq(crmPipelines.workspaceId, workspaceId), eq(crmPipelines.pipelineId, pipelineId)))
    .orderBy(asc(crmPipelines.stage), asc(crmPipelines.rank));
}

export function findCard(db: Queryable, workspaceId: string, id: string) {
  return db
    .select(cardColumns)
    .from(crmPipelines)
    .innerJoin(leads, eq(leads.id, crmPipelines.leadId))
    .where(and(eq(crmPipelines.workspaceId, workspaceId), eq(crmPipelines.id, id)))
    .then((r) => r[0]);
}

export function findCardByLead(db: Queryable, pipelineId: string, leadId: string) {
  return db
    .select({ id: crmPipelines.id })
    .from(crmPipelines)
    .where(and(eq(crmPipelines.pipelineId, pipelineId), eq(crmPipelines.leadId, leadId)))
    .then((r) => r[0]);
}

/** The ranks of one column in order, optionally without the card being moved. */
export function columnRanks(db: Queryable, pipelineId: string, stage: PipelineStage, exceptCardId?: string) {
  const where = [eq(crmPipelines.pipelineId, pipelineId), eq(crmPipelines.stage, stage)];
  if (exceptCardId) where.push(ne(crmPipelines.id, exceptCardId));
  return db
    .select({ id: crmPipelines.id, rank: crmPipelines.rank })
    .from(crmPipelines)
    .where(and(...where))
    .orderBy(asc(crmPipelines.rank));
}

export function insertCard(db: Queryable, values: typeof crmPipelines.$inferInsert) {
  return db
    .insert(crmPipelines)
    .values(values)
    .returning({ id: crmPipelines.id })
    .then((r) => r[0]!);
}

/**
 * Changes a card and bumps its version in the same statement: the row lock orders concurrent updates, so
 * versions follow commit order (updated_at, the transaction's start time, does not).
 */
export function updateCard(
  db: Queryable,
  workspaceId: string,
  id: string,
  values: Omit<Partial<typeof crmPipelines.$inferInsert>, "version">,
) {
  return db
    .update(crmPipelines)
    .set({ ...values, version: sql`${crmPipelines.version} + 1` })
    .where(and(eq(crmPipelines.workspaceId, workspaceId), eq(crmPipelines.id, id)))
    .returning({ version: crmPipelines.version })
    .then((r) => r[0]);
}

export function deleteCard(db: Queryable, workspaceId: string, id: string) {
  return db
    .delete(crmPipelines)
    .where(and(eq(crmPipelines.workspaceId, workspaceId), eq(crmPipelines.id, id)))
    .returning({ id: crmPipelines.id, pipelineId: crmPipelines.pipelineId, version: crmPipelines.version });
}

export function insertEvent(db: Queryable, values: typeof pipelineCardEvents.$inferInsert) {
  return db.insert(pipelineCardEvents).values(values);
}

export function listEvents(db: Queryable, workspaceId: string, cardId: string) {
  return db
    .select({
      id: pipelineCardEvents.id,
      type: pipelineCardEvents.type,
      actorId: pipelineCardEvents.actorId,
      fromStage: pipelineCardEvents.fromStage,
      toStage: pipelineCardEvents.toStage,
      fromStatus: pipelineCardEvents.fromStatus,
      toStatus: pipelineCardEvents.toStatus,
      createdAt: pipelineCardEvents.createdAt,
    })
    .from(pipelineCardEvents)
    .where(and(eq(pipelineCardEvents.workspaceId, workspaceId), eq(pipelineCardEvents.cardId, cardId)))
    .orderBy(asc(pipelineCardEvents.createdAt));
}

export function insertNote(db: Queryable, values: typeof pipelineCardNotes.$inferInsert) {
  return db
    .insert(pipelineCardNotes)
    .values(values)
    .returning({
      id: pipelineCardNotes.id,
      body: pipelineCardNotes.body,
      authorId: pipelineCardNotes.authorId,
      createdAt: pipelineCardNotes.createdAt,
    })
    .then((r) => r[0]!);
}

export function listNotes(db: Queryable, workspaceId: string, cardId: string) {
  return db
    .select({
      id: pipelineCardNotes.id,
      body: pipelineCardNotes.body,
      authorId: pipelineCardNotes.authorId,
      createdAt: pipelineCardNotes.createdAt,
    })
    .from(pipelineCardNotes)
    .where(and(eq(pipelineCardNotes.workspaceId, workspaceId), eq(pipelineCardNotes.cardId, cardId)))
    .orderBy(asc(pipelineCardNotes.createdAt));
}

/** The lead's cards on every board of the workspace. */
export function cardsOfLead(db: Queryable, workspaceId: string, leadId: string) {
  return db
    .select({ id: crmPipelines.id, pipelineId: crmPipelines.pipelineId, stage: crmPipelines.stage })
    .from(crmPipelines)
    .where(and(eq(crmPipelines.workspaceId, workspaceId), eq(crmPipelines.leadId, leadId)))
    .orderBy(asc(crmPipelines.pipelineId));
}
