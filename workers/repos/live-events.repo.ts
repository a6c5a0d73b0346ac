import { and, asc, eq, gt, isNull, lt, lte, sql } from "drizzle-orm";
import { liveEvents } from "../db/schema";
import { sqlArray } from "../db/sql-array";
import type { Queryable } from "../db/tenant";

/**
 * Records one event in the caller's transaction and returns its per-topic sequence number. Goes through the
 * definer function so it works inside a user's RLS transaction (the table itself is service-role only).
 */
export async function recordEvent(
  db: Queryable,
  workspaceId: string,
  topic: string,
  type: string,
  payload: Record<string, unknown>,
): Promise<number> {
  const rows = await db.execute<{ seq: string | number }>(
    sql`select private.record_live_event(${workspaceId}::uuid, ${topic}, ${type}, ${JSON.stringify(payload)}::jsonb) as seq`,
  );
  return Number(rows[0]!.seq);
}

/**
 * Records several events in one statement (one round trip however many a change raised), in the order given:
 * the rows are numbered and the definer function runs once per row in that order. Returns each topic's
 * highest sequence number, so the push can tell its room how far the topic now goes.
 */
export async function recordEvents(
  db: Queryable,
  workspaceId: string,
  events: readonly { topic: string; type: string; payload: Record<string, unknown> }[],
): Promise<Map<string, number>> {
  const through = new Map<string, number>();
  if (events.length === 0) return through;
  if (events.length === 1) {
    const [e] = events;
    through.set(e!.topic, await recordEvent(db, workspaceId, e!.topic, e!.type, e!.payload));
    return through;
  }
  const rows = await db.execute<{ topic: string; seq: string | number }>(sql`
    select e.topic, private.record_live_event(${workspaceId}::uuid, e.topic, e.type, e.payload) as seq
    from (
      select * from unnest(
        ${sqlArray(
          events.map((e) => e.topic),
          "text",
        )},
        ${sqlArray(
          events.map((e) => e.type),
          "text",
        )},
        ${sqlArray(
          events.map((e) => JSON.stringify(e.payload)),
          "jsonb",
        )}
      ) with ordinality as u(topic, type, payload, n)
      order by n
      offset 0
    ) e`);
  for (const r of rows) through.set(r.topic, Math.max(through.get(r.topic) ?? 0, Number(r.seq)));
  return through;
}

/** The topic's events not yet delivered and numbered after `afterSeq`, oldest first (service role). */
export function undeliveredEvents(db: Queryable, workspaceId: string, topic: string, limit: number, afterSeq = 0) {
  return db
    .select({ id: liveEvents.id, seq: liveEvents.seq, type: liveEvents.type, payload: liveEvents.payload })
    .from(liveEvents)
    .where(
      and(
        eq(liveEvents.workspaceId, workspaceId),
        eq(liveEvents.topic, topic),
        isNull(liveEvents.deliveredAt),
        gt(liveEvents.seq, afterSeq),
      ),
    )
    .orderBy(asc(liveEvents.seq))
    .limit(limit);
}

/**
 * Marks the topic's undelivered events delivered (those numbered up to `throughSeq`, or all), in one
 * statement; returns how many (service role).
 */
export async function markTopicDelivered(
  db: Queryable,
  workspaceId: string,
  topic: string,
  throughSeq?: number,
): Promise<number> {
  const rows = await db
    .update(liveEvents)
    .set({ deliveredAt: sql`now()` })
    .where(
      and(
        eq(liveEvents.workspaceId, workspaceId),
        eq(liveEvents.topic, topic),
        isNull(liveEvents.deliveredAt),
        throughSeq === undefined ? undefined : lte(liveEvents.seq, throughSeq),
      ),
    )
    .returning({ id: liveEvents.id });
  return rows.length;
}

/** Topics holding events that should have been delivered by now (their push failed or never ran). */
export function staleTopics(db: Queryable, createdBefore: Date, limit: number) {
  return db
    .selectDistinct({ workspaceId: liveEvents.workspaceId, topic: liveEvents.topic })
    .from(liveEvents)
    .where(and(isNull(liveEvents.deliveredAt), lt(liveEvents.createdAt, createdBefore)))
    .limit(limit);
}

/** Delivered events are only kept for a while (for debugging and the tests); the outbox is not an archive. */
export function pruneDelivered(db: Queryable, deliveredBefore: Date) {
  return db.delete(liveEvents).where(lt(liveEvents.deliveredAt, deliveredBefore));
}
