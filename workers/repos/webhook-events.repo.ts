import { and, eq, inArray, sql } from "drizzle-orm";
import { webhookEvents } from "../db/schema";
import type { Queryable } from "../db/tenant";

/**
 * Records provider events as accepted; returns the ids that were new (a replay's id is already there and is
 * left out). Service role only: the ledger spans workspaces.
 */
export async function recordWebhookEvents(
  db: Queryable,
  provider: string,
  events: { eventId: string; workspaceId: string }[],
): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  const rows = await db
    .insert(webhookEvents)
    .values(events.map((e) => ({ provider, eventId: e.eventId, workspaceId: e.workspaceId })))
    .onConflictDoNothing()
    .returning({ eventId: webhookEvents.eventId });
  return new Set(rows.map((r) => r.eventId));
}

export function markWebhookEventProcessed(db: Queryable, provider: string, eventId: string) {
  return db
    .update(webhookEvents)
    .set({ processedAt: sql`now()` })
    .where(and(eq(webhookEvents.provider, provider), eq(webhookEvents.eventId, eventId)));
}

export function markWebhookEventsProcessed(db: Queryable, provider: string, eventIds: readonly string[]) {
  if (eventIds.length === 0) return Promise.resolve();
  return db
    .update(webhookEvents)
    .set({ processedAt: sql`now()` })
    .where(and(eq(webhookEvents.provider, provider), inArray(webhookEvents.eventId, [...eventIds])))
    .then(() => undefined);
}

export function findWebhookEvents(db: Queryable, provider: string, eventIds: string[]) {
  if (eventIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      eventId: webhookEvents.eventId,
      workspaceId: webhookEvents.workspaceId,
      processedAt: webhookEvents.processedAt,
    })
    .from(webhookEvents)
    .where(and(eq(webhookEvents.provider, provider), inArray(webhookEvents.eventId, eventIds)));
}
