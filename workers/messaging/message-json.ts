// The API/live shapes of messages and conversation summaries: one place, so REST responses, room events and
// the inbox UI agree.
import type { ConversationRecord } from "../repos/conversations.repo";
import type { MessageRecord } from "../repos/messages.repo";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function messageJson(m: MessageRecord) {
  return {
    id: m.id,
    conversationId: m.conversationId,
    leadId: m.leadId,
    channel: m.channel,
    direction: m.direction,
    body: m.body,
    media: m.media as { url: string; type: string }[],
    status: m.status,
    origin: m.origin,
    errorCode: m.errorCode,
    errorMessage: m.errorMessage,
    fallbackOf: m.fallbackOf,
    retryOf: m.retryOf,
    holdUntil: iso(m.holdUntil),
    sentBy: m.sentBy,
    /** The idempotency key the client chose: lets an optimistic bubble find its row. */
    clientMessageId: m.direction === "outbound" ? m.idempotencyKey : null,
    createdAt: m.createdAt.toISOString(),
    sentAt: iso(m.sentAt),
    deliveredAt: iso(m.deliveredAt),
    readAt: iso(m.readAt),
    failedAt: iso(m.failedAt),
    receivedAt: iso(m.receivedAt),
  };
}
export type MessageJson = ReturnType<typeof messageJson>;

/** What the workspace inbox room says about a conversation that changed (the list patches or refetches). */
export function conversationSummaryJson(c: ConversationRecord) {
  return {
    id: c.id,
    leadId: c.leadId,
    channel: c.channel,
    status: c.status,
    assigneeId: c.assigneeId,
    unreadCount: c.unreadCount,
    lastMessageId: c.lastMessageId,
    lastMessageAt: iso(c.lastMessageAt),
    lastMessagePreview: c.lastMessagePreview,
    lastMessageDirection: c.lastMessageDirection,
    lastInboundAt: iso(c.lastInboundAt),
  };
}
export type ConversationSummaryJson = ReturnType<typeof conversationSummaryJson>;
