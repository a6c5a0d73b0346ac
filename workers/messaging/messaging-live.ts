// Live events of the messaging core (decision 016), raised by the services that changed the data through the
// outbox (decision 012). A lead's topic is delivered by its LeadRoom (`/parties/lead-room/<ws>.<leadId>`),
// the inbox topic by the workspace's LiveRoom (`/parties/live-room/<ws>.inbox`). Event names on the lead room
// are the seed's: message_sent, message_received, lead_updated.
import type { LiveEventSink } from "../realtime/live-events";
import type { ConversationRecord } from "../repos/conversations.repo";
import type { MessageRecord } from "../repos/messages.repo";
import { conversationSummaryJson, messageJson } from "./message-json";

export const INBOX_TOPIC = "inbox";
const LEAD_TOPIC_PREFIX = "lead-";

export function leadTopic(leadId: string): string {
  return `${LEAD_TOPIC_PREFIX}${leadId}`;
}

/** The lead id of a lead topic, or undefined for any other topic. */
export function leadOfTopic(topic: string): string | undefined {
  return topic.startsWith(LEAD_TOPIC_PREFIX) ? topic.slice(LEAD_TOPIC_PREFIX.length) : undefined;
}

/** An outbound message was created or its status moved: `message_sent {messageId, status}` (+ the message). */
export function emitMessageStatus(live: LiveEventSink, message: MessageRecord): void {
  live.emit(leadTopic(message.leadId), "message_sent", {
    messageId: message.id,
    status: message.status,
    conversationId: message.conversationId,
    message: messageJson(message),
  });
  // The inbox's Failed view and its count hear about every failure, whichever lead it was for.
  if (message.status === "failed" && message.direction === "outbound")
    live.emit(INBOX_TOPIC, "message.failed", {
      messageId: message.id,
      leadId: message.leadId,
      conversationId: message.conversationId,
    });
}

/** An inbound message arrived: `message_received {from, content, messageId, conversationId}` (+ the message). */
export function emitMessageReceived(live: LiveEventSink, message: MessageRecord, from: string): void {
  live.emit(leadTopic(message.leadId), "message_received", {
    from,
    content: message.body,
    messageId: message.id,
    conversationId: message.conversationId,
    message: messageJson(message),
  });
}

/** The lead changed (edit, enrichment, stage move): `lead_updated {leadId, changes}`. */
export function emitLeadUpdated(live: LiveEventSink, leadId: string, changes: Record<string, unknown>): void {
  live.emit(leadTopic(leadId), "lead_updated", { leadId, changes });
}

/** A conversation's list entry changed (new message, unread count, status, assignee). */
export function emitConversation(live: LiveEventSink, conversation: ConversationRecord): void {
  live.emit(INBOX_TOPIC, "conversation.upserted", { conversation: conversationSummaryJson(conversation) });
}
