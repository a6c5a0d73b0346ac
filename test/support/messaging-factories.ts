// Messaging rows written straight to Postgres as the table owner: the inbox reads conversations and messages
// that the send and inbound paths would write, so tests put them there directly with chosen times and states.
import { sql } from "drizzle-orm";
import type { Db } from "../../workers/db/client";
import { conversations, messages, suppressions } from "../../workers/db/schema";
import type { MessageChannel } from "../../workers/db/schema";
import { touchConversation } from "../../workers/repos/conversations.repo";

export async function insertConversation(
  db: Db,
  row: {
    workspaceId: string;
    leadId: string;
    channel?: MessageChannel;
    status?: "open" | "snoozed" | "closed";
    assigneeId?: string | null;
    unreadCount?: number;
    lastMessageAt?: Date | string;
    lastMessagePreview?: string;
  },
) {
  const [c] = await db
    .insert(conversations)
    .values({
      workspaceId: row.workspaceId,
      leadId: row.leadId,
      channel: row.channel ?? "sandbox",
      status: row.status ?? "open",
      assigneeId: row.assigneeId ?? null,
      unreadCount: row.unreadCount ?? 0,
      lastMessagePreview: row.lastMessagePreview ?? null,
      lastMessageAt: row.lastMessageAt
        ? sql`${String(row.lastMessageAt instanceof Date ? row.lastMessageAt.toISOString() : row.lastMessageAt)}::timestamptz`
        : null,
    })
    .returning({ id: conversations.id, leadId: conversations.leadId, workspaceId: conversations.workspaceId });
  return c!;
}

export interface MessageRow {
  direction?: "outbound" | "inbound";
  body?: string;
  status?: "queued" | "sent" | "delivered" | "read" | "failed" | "received";
  createdAt?: string;
  errorCode?: string;
  errorMessage?: string;
  holdUntil?: Date;
  idempotencyKey?: string;
}

/** A message on the conversation, recorded on it as the send/inbound paths do (last message, unread). */
export async function insertMessage(
  db: Db,
  conversation: { id: string; leadId: string; workspaceId: string; channel?: MessageChannel },
  m: MessageRow = {},
) {
  const direction = m.direction ?? "outbound";
  const status = m.status ?? (direction === "inbound" ? "received" : "sent");
  const [row] = await db
    .insert(messages)
    .values({
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      leadId: conversation.leadId,
      channel: conversation.channel ?? "sandbox",
      direction,
      body: m.body ?? "Hello there",
      status,
      origin: direction === "inbound" ? "inbound" : "manual",
      errorCode: m.errorCode ?? null,
      errorMessage: m.errorMessage ?? null,
      holdUntil: m.holdUntil ?? null,
      idempotencyKey: m.idempotencyKey ?? (direction === "outbound" ? crypto.randomUUID() : null),
      failedAt: status === "failed" ? new Date() : null,
      receivedAt: direction === "inbound" ? new Date() : null,
      ...(m.createdAt ? { createdAt: sql`${m.createdAt}::timestamptz` } : {}),
    } as typeof messages.$inferInsert)
    .returning({ id: messages.id, body: messages.body, createdAt: messages.createdAt });
  await touchConversation(db, conversation.id, { id: row!.id, body: row!.body, direction, at: row!.createdAt });
  return row!;
}

/** An opt-out of the lead on `channel` (or every channel). */
export async function insertSuppression(
  db: Db,
  row: { workspaceId: string; leadId: string; channel?: MessageChannel | null; reason?: string },
) {
  await db.insert(suppressions).values({
    workspaceId: row.workspaceId,
    leadId: row.leadId,
    identityKind: "lead",
    identityValue: row.leadId,
    channel: row.channel ?? null,
    reason: row.reason ?? "Replied STOP",
    source: "manual",
  });
}
