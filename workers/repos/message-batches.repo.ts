// Statements over many messages at once: what a queue batch needs (decision 016), so a batch costs a few
// round trips instead of a few per message. Every query is scoped by workspace (service role).
import { and, eq, inArray, sql } from "drizzle-orm";
import { messages } from "../db/schema";
import type { MessageStatus } from "../db/schema";
import type { Queryable } from "../db/tenant";
import { statusesBefore } from "../messaging/channels";
import { messageColumns } from "./messages.repo";

/** Several messages of a workspace in one query (a queue batch's), in no particular order. */
export function findMessages(db: Queryable, workspaceId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select(messageColumns)
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), inArray(messages.id, [...ids])));
}

/** One send attempt each for queued messages, on `accountId` (one statement for a lead's batch). */
export function recordSendAttempts(db: Queryable, workspaceId: string, ids: readonly string[], accountId: string) {
  if (ids.length === 0) return Promise.resolve();
  return db
    .update(messages)
    .set({ attempts: sql`${messages.attempts} + 1`, accountId, updatedAt: new Date() })
    .where(and(eq(messages.workspaceId, workspaceId), inArray(messages.id, [...ids]), eq(messages.status, "queued")))
    .then(() => undefined);
}

/**
 * Messages the provider accepted move to `sent` with its ids, in one statement; forward only, like
 * advanceMessageStatus. Returns the rows that moved.
 */
export function markMessagesSent(
  db: Queryable,
  workspaceId: string,
  sent: readonly { id: string; providerMessageId: string }[],
  at = new Date(),
) {
  if (sent.length === 0) return Promise.resolve([]);
  const providerId = sql.join(
    sent.map((s) => sql`when ${s.id}::uuid then ${s.providerMessageId}`),
    sql` `,
  );
  return db
    .update(messages)
    .set({
      status: "sent",
      providerMessageId: sql`case ${messages.id} ${providerId} end`,
      sentAt: sql`coalesce(${messages.sentAt}, ${at.toISOString()}::timestamptz)`,
      updatedAt: at,
    })
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        inArray(
          messages.id,
          sent.map((s) => s.id),
        ),
        inArray(messages.status, statusesBefore("sent")),
      ),
    )
    .returning(messageColumns);
}

/** Sends the account made in the last minute and the last day (per-sender caps), in one query. */
export function countRecentSends(db: Queryable, accountId: string, now: Date) {
  const minute = new Date(now.getTime() - 60_000).toISOString();
  const day = new Date(now.getTime() - 86_400_000).toISOString();
  return db
    .select({
      minute: sql<number>`(count(*) filter (where ${messages.sentAt} >= ${minute}::timestamptz))::int`,
      day: sql<number>`count(*)::int`,
    })
    .from(messages)
    .where(and(eq(messages.accountId, accountId), sql`${messages.sentAt} >= ${day}::timestamptz`))
    .then((rows) => rows[0] ?? { minute: 0, day: 0 });
}

/** Outbound messages of a workspace on `channel` by their provider ids (a batch of receipts). */
export function findMessagesByProviderIds(
  db: Queryable,
  workspaceId: string,
  channel: (typeof messages.$inferSelect)["channel"],
  providerMessageIds: readonly string[],
) {
  if (providerMessageIds.length === 0) return Promise.resolve([]);
  return db
    .select(messageColumns)
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        eq(messages.channel, channel),
        inArray(messages.providerMessageId, [...providerMessageIds]),
      ),
    );
}

/**
 * Receipts (`delivered` or `read`) for several messages, each at its own time, in one statement; forward only,
 * like advanceMessageStatus (a read fills a missing delivered_at). Returns the rows that moved.
 */
export function advanceReceipts(
  db: Queryable,
  workspaceId: string,
  status: "delivered" | "read",
  receipts: readonly { id: string; at: Date }[],
) {
  if (receipts.length === 0) return Promise.resolve([]);
  const at = sql`(case ${messages.id} ${sql.join(
    receipts.map((r) => sql`when ${r.id}::uuid then ${r.at.toISOString()}::timestamptz`),
    sql` `,
  )} end)`;
  const set: Record<string, unknown> = {
    status,
    updatedAt: new Date(),
    sentAt: sql`coalesce(${messages.sentAt}, ${at})`,
  };
  if (status === "read") {
    set.readAt = at;
    set.deliveredAt = sql`coalesce(${messages.deliveredAt}, ${at})`;
  } else set.deliveredAt = at;
  return db
    .update(messages)
    .set(set)
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        inArray(
          messages.id,
          receipts.map((r) => r.id),
        ),
        inArray(messages.status, statusesBefore(status as MessageStatus)),
      ),
    )
    .returning(messageColumns);
}
