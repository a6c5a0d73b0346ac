import { and, desc, eq, inArray, isNull, notExists, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { leads, messages } from "../db/schema";
import type { MessageStatus } from "../db/schema";
import type { Queryable } from "../db/tenant";
import { beforeKey, exactTime } from "../lib/exact-cursor";
import type { ExactKey } from "../lib/exact-cursor";
import { statusesBefore } from "../messaging/channels";

export const messageColumns = {
  id: messages.id,
  workspaceId: messages.workspaceId,
  conversationId: messages.conversationId,
  leadId: messages.leadId,
  channel: messages.channel,
  accountId: messages.accountId,
  direction: messages.direction,
  body: messages.body,
  media: messages.media,
  status: messages.status,
  origin: messages.origin,
  providerMessageId: messages.providerMessageId,
  errorCode: messages.errorCode,
  errorMessage: messages.errorMessage,
  idempotencyKey: messages.idempotencyKey,
  sentBy: messages.sentBy,
  fallbackOf: messages.fallbackOf,
  retryOf: messages.retryOf,
  fallbackEnabled: messages.fallbackEnabled,
  holdUntil: messages.holdUntil,
  attempts: messages.attempts,
  queuedAt: messages.queuedAt,
  sentAt: messages.sentAt,
  deliveredAt: messages.deliveredAt,
  readAt: messages.readAt,
  failedAt: messages.failedAt,
  receivedAt: messages.receivedAt,
  createdAt: messages.createdAt,
};

export type MessageRecord = NonNullable<Awaited<ReturnType<typeof findMessage>>>;
export type NewMessage = typeof messages.$inferInsert;

export function findMessage(db: Queryable, workspaceId: string, id: string) {
  return db
    .select(messageColumns)
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.id, id)))
    .then((rows) => rows[0]);
}

export function findMessageByIdempotencyKey(db: Queryable, workspaceId: string, key: string) {
  return db
    .select(messageColumns)
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.idempotencyKey, key)))
    .then((rows) => rows[0]);
}

export function findMessageByProviderId(
  db: Queryable,
  workspaceId: string,
  channel: MessageRecord["channel"],
  providerMessageId: string,
) {
  return db
    .select(messageColumns)
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        eq(messages.channel, channel),
        eq(messages.providerMessageId, providerMessageId),
      ),
    )
    .then((rows) => rows[0]);
}

/**
 * Inserts unless the workspace already has a message with this idempotency key; returns the new row, or
 * undefined when the key was taken (the caller then reads the existing one).
 */
export function insertMessage(db: Queryable, row: NewMessage) {
  return db
    .insert(messages)
    .values(row)
    .onConflictDoNothing({
      target: [messages.workspaceId, messages.idempotencyKey],
      where: sql`${messages.idempotencyKey} is not null`,
    })
    .returning(messageColumns)
    .then((rows) => rows[0]);
}

const STATUS_TIME = {
  sent: messages.sentAt,
  delivered: messages.deliveredAt,
  read: messages.readAt,
  failed: messages.failedAt,
} as const;

/**
 * Moves a message to `status` only if that is forward from where it is (see canAdvance), in one statement so
 * concurrent receipts cannot move it back. Returns the updated row, or undefined when nothing changed.
 */
export function advanceMessageStatus(
  db: Queryable,
  workspaceId: string,
  id: string,
  status: keyof typeof STATUS_TIME,
  extra: { providerMessageId?: string; errorCode?: string | null; errorMessage?: string | null; at?: Date } = {},
) {
  const at = extra.at ?? new Date();
  const set: Record<string, unknown> = { status, updatedAt: new Date() };
  set[timeKey(status)] = at;
  if (extra.providerMessageId !== undefined) set.providerMessageId = extra.providerMessageId;
  if (extra.errorCode !== undefined) set.errorCode = extra.errorCode;
  if (extra.errorMessage !== undefined) set.errorMessage = extra.errorMessage;
  // A read receipt implies delivery: fill delivered_at when the provider skipped it.
  if (status === "read") set.deliveredAt = sql`coalesce(${messages.deliveredAt}, ${at.toISOString()}::timestamptz)`;
  if (status !== "failed") set.sentAt = sql`coalesce(${messages.sentAt}, ${at.toISOString()}::timestamptz)`;
  return db
    .update(messages)
    .set(set)
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        eq(messages.id, id),
        inArray(messages.status, statusesBefore(status as MessageStatus)),
      ),
    )
    .returning(messageColumns)
    .then((rows) => rows[0]);
}

function timeKey(status: keyof typeof STATUS_TIME): "sentAt" | "deliveredAt" | "readAt" | "failedAt" {
  return `${status}At` as "sentAt" | "deliveredAt" | "readAt" | "failedAt";
}

/** Bookkeeping for a send attempt or a hold (quiet hours, caps), while the message stays queued. */
export function updateQueuedMessage(
  db: Queryable,
  workspaceId: string,
  id: string,
  patch: {
    attempts?: number;
    holdUntil?: Date | null;
    accountId?: string | null;
    queuedAt?: Date;
    /** The provider accepted it and sends it later (SendResult.pending): it stays queued, with the provider's id. */
    providerMessageId?: string;
  },
) {
  return db
    .update(messages)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.id, id), eq(messages.status, "queued")))
    .returning({ id: messages.id })
    .then((rows) => rows[0]);
}

/**
 * Ends every message still queued on an account that is going away (a removed WhatsApp number): what its provider
 * had accepted is gone with it. Returns the failed rows.
 */
export function failQueuedOfAccount(
  db: Queryable,
  workspaceId: string,
  accountId: string,
  error: { code: string; message: string },
) {
  const now = new Date();
  return db
    .update(messages)
    .set({ status: "failed", failedAt: now, errorCode: error.code, errorMessage: error.message, updatedAt: now })
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.accountId, accountId), eq(messages.status, "queued")))
    .returning(messageColumns);
}

/**
 * Queued messages older than `before` (their enqueue after commit may have failed), oldest first, after the
 * `after` cursor (the last row of the previous page): the sweep re-enqueues them page by page. A queued message
 * with a provider id is not lost: the provider accepted it and its status event moves it on.
 */
export function staleQueuedMessages(
  db: Queryable,
  before: Date,
  limit: number,
  after?: { queuedKey: string; createdKey: string; id: string },
) {
  return (
    db
      .select({
        id: messages.id,
        workspaceId: messages.workspaceId,
        leadId: messages.leadId,
        origin: messages.origin,
        // Exact (microsecond) keys for the next page's cursor: a JS Date would repeat rows sharing a millisecond.
        queuedKey: exactTime(messages.queuedAt),
        createdKey: exactTime(messages.createdAt),
      })
      .from(messages)
      .where(
        and(
          eq(messages.status, "queued"),
          isNull(messages.providerMessageId),
          sql`${messages.queuedAt} < ${before.toISOString()}::timestamptz`,
          sql`${messages.updatedAt} < ${before.toISOString()}::timestamptz`,
          sql`(${messages.holdUntil} is null or ${messages.holdUntil} < now())`,
          after
            ? sql`(${messages.queuedAt}, ${messages.createdAt}, ${messages.id}) > (${after.queuedKey}::timestamptz, ${after.createdKey}::timestamptz, ${after.id}::uuid)`
            : undefined,
        ),
      )
      // Oldest first, so each lead's messages are enqueued in the order they were written.
      .orderBy(messages.queuedAt, messages.createdAt, messages.id)
      .limit(limit)
  );
}

/** A thread paged backwards: the newest `limit` messages before the cursor, newest first (messages_thread_idx). */
export function threadPage(
  db: Queryable,
  workspaceId: string,
  conversationId: string,
  limit: number,
  before?: ExactKey,
) {
  return db
    .select({ ...messageColumns, key: exactTime(messages.createdAt) })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        eq(messages.conversationId, conversationId),
        before ? beforeKey(messages.createdAt, messages.id, before) : undefined,
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit);
}

const retries = alias(messages, "retries");

const failedWhere = (db: Queryable, workspaceId: string) =>
  and(
    eq(messages.workspaceId, workspaceId),
    eq(messages.status, "failed"),
    eq(messages.direction, "outbound"),
    notExists(db.select({ one: sql`1` }).from(retries).where(eq(retries.retryOf, messages.id))),
  );

/** How many failures wait for someone, counting at most `cap` (the badge says "99+", not the exact figure). */
export function countFailedMessages(db: Queryable, workspaceId: string, cap: number) {
  const capped = db.select({ one: sql`1` }).from(messages).where(failedWhere(db, workspaceId)).limit(cap).as("capped");
  return db
    .select({ n: sql<number>`count(*)::int` })
    .from(capped)
    .then((rows) => rows[0]?.n ?? 0);
}

/**
 * Outbound messages that failed for good (the dead-letter view), newest failure first, with the lead's name.
 * A failure someone already retried is left out (the new attempt stands for it; messages_retry_of_idx).
 */
export function failedMessages(db: Queryable, workspaceId: string, limit: number, before?: ExactKey) {
  const failedAt = sql`coalesce(${messages.failedAt}, ${messages.createdAt})`;
  return db
    .select({ ...messageColumns, key: exactTime(failedAt), leadName: leads.fullName })
    .from(messages)
    .innerJoin(leads, and(eq(leads.id, messages.leadId), eq(leads.workspaceId, messages.workspaceId)))
    .where(and(failedWhere(db, workspaceId), before ? beforeKey(failedAt, messages.id, before) : undefined))
    .orderBy(sql`${failedAt} desc`, desc(messages.id))
    .limit(limit);
}
