// Messenger's read receipts name no message, only a watermark: everything the Page sent to that person up to then
// was read. These are our outbound messages to the lead on that channel sent by then and not yet read.
import { and, eq, inArray, lte } from "drizzle-orm";
import { messages } from "../db/schema";
import type { MessageChannel } from "../db/schema";
import type { Queryable } from "../db/tenant";
import { statusesBefore } from "../messaging/channels";

/**
 * Our `sent_at` is stamped when the Send API answered, a moment after Meta sent the message on its own clock: a
 * read right after a send would miss it by that moment, so the watermark is read with a little slack.
 */
const CLOCK_SLACK_MS = 5_000;

export function outboundSentBy(db: Queryable, workspaceId: string, leadId: string, channel: MessageChannel, at: Date) {
  return db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        eq(messages.leadId, leadId),
        eq(messages.channel, channel),
        eq(messages.direction, "outbound"),
        inArray(messages.status, statusesBefore("read")),
        lte(messages.sentAt, new Date(at.getTime() + CLOCK_SLACK_MS)),
      ),
    )
    .limit(500);
}
