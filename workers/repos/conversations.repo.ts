import { and, eq, sql } from "drizzle-orm";
import { conversations } from "../db/schema";
import type { MessageChannel, MessageDirection } from "../db/schema";
import type { Queryable } from "../db/tenant";

export const conversationColumns = {
  id: conversations.id,
  workspaceId: conversations.workspaceId,
  leadId: conversations.leadId,
  channel: conversations.channel,
  accountId: conversations.accountId,
  externalThreadId: conversations.externalThreadId,
  status: conversations.status,
  assigneeId: conversations.assigneeId,
  unreadCount: conversations.unreadCount,
  lastMessageId: conversations.lastMessageId,
  lastMessageAt: conversations.lastMessageAt,
  lastMessagePreview: conversations.lastMessagePreview,
  lastMessageDirection: conversations.lastMessageDirection,
  lastInboundAt: conversations.lastInboundAt,
  createdAt: conversations.createdAt,
  updatedAt: conversations.updatedAt,
};

export type ConversationRecord = NonNullable<Awaited<ReturnType<typeof findConversation>>>;

export function findConversation(db: Queryable, workspaceId: string, id: string) {
  return db
    .select(conversationColumns)
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)))
    .then((rows) => rows[0]);
}

export function findConversationsOfLead(db: Queryable, workspaceId: string, leadId: string) {
  return db
    .select(conversationColumns)
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.leadId, leadId)));
}

/** The lead's thread on `channel`, created on first use (one per lead and channel). */
export async function upsertConversation(
  db: Queryable,
  row: {
    workspaceId: string;
    leadId: string;
    channel: MessageChannel;
    accountId: string | null;
    externalThreadId?: string;
  },
) {
  const inserted = await db
    .insert(conversations)
    .values(row)
    .onConflictDoUpdate({
      target: [conversations.workspaceId, conversations.leadId, conversations.channel],
      // Keep the thread; learn the account/thread id if it was unknown. A no-op update still locks the row,
      // so concurrent writers to one thread serialise here.
      set: {
        accountId: sql`coalesce(${conversations.accountId}, excluded.account_id)`,
        externalThreadId: sql`coalesce(${conversations.externalThreadId}, excluded.external_thread_id)`,
      },
    })
    .returning(conversationColumns);
  return inserted[0]!;
}

const PREVIEW_CHARS = 140;

/**
 * Records a new message on its thread: last message, unread count (inbound only) and the reply window.
 * Only moves "last message" forward in time, so a late write of an older message cannot replace it.
 */
export function touchConversation(
  db: Queryable,
  id: string,
  message: { id: string; body: string; direction: MessageDirection; at: Date },
) {
  const at = message.at.toISOString();
  const newer = sql`(${conversations.lastMessageAt} is null or ${conversations.lastMessageAt} <= ${at}::timestamptz)`;
  const inbound = message.direction === "inbound";
  return db
    .update(conversations)
    .set({
      lastMessageId: sql`case when ${newer} then ${message.id}::uuid else ${conversations.lastMessageId} end`,
      lastMessagePreview: sql`case when ${newer} then ${message.body.slice(0, PREVIEW_CHARS)} else ${conversations.lastMessagePreview} end`,
      lastMessageDirection: sql`case when ${newer} then ${message.direction} else ${conversations.lastMessageDirection} end`,
      lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${at}::timestamptz)`,
      unreadCount: inbound ? sql`${conversations.unreadCount} + 1` : conversations.unreadCount,
      lastInboundAt: inbound
        ? sql`greatest(${conversations.lastInboundAt}, ${at}::timestamptz)`
        : conversations.lastInboundAt,
      // A new message from the lead reopens a closed or snoozed thread.
      status: inbound ? sql`'open'` : conversations.status,
      updatedAt: new Date(),
    })
    .where(eq(conversations.id, id))
    .returning(conversationColumns)
    .then((rows) => rows[0]);
}
