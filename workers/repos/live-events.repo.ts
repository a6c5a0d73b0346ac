import { and, asc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
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
 * the rows are numbered and the definer function runs once per row in that order.
 */
export async function recordEvents(
  db: Queryable,
  workspaceId: string,
  events: readonly { topic: string; type: string; payload: Record<string, unknown> }[],
): Promise<void> {
  if (events.length === 0) return;
  if (events.length === 1) {
    const [e] = events;
    await recordEvent(db, workspaceId, e!.topic, e!.type, e!.payload);
    return;
  }
  await db.execute(sql`
    select private.record_live_event(${workspaceId}::uuid, e.topic, e.type, e.payload)
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
}

/** The topic's events not yet delivered, oldest first (service role). */
export function undeliveredEvents(db: Queryable, workspaceId: string, topic: string, limit: number) {
  return db
    .select({ id: liveEvents.id, seq: liveEvents.seq, type: liveEvents.type, payload: liveEvents.payload })
    .from(liveEvents)
    .where(and(eq(liveEvents.workspaceId, workspaceId), eq(liveEvents.topic, topic), isNull(liveEvents.deliveredAt)))
    .orderBy(asc(liveEvents.seq))
    .limit(limit);
}

/** Marks every undelivered event of the topic delivered, in one statement; returns how many (service role). */
export async function markTopicDelivered(db: Queryable, workspaceId: string, topic: string): Promise<number> {
  const rows = await db
    .update(liveEvents)
    .set({ deliveredAt: sql`now()` })
    .where(and(eq(liveEvents.workspaceId, workspaceId), eq(liveEvents.topic, topic), isNull(liveEvents.deliveredAt)))
    .returning({ id: liveEvents.id });
  return rows.length;
}

export function markDelivered(db: Queryable, ids: number[]) {
  return db
    .update(liveEvents)
    .set({ deliveredAt: sql`now()` })
    .where(and(inArray(liveEvents.id, ids), isNull(liveEvents.deliveredAt)));
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
