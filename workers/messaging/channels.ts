// Channel ids, labels and the one rule about message status: it only moves forward.
import { MESSAGE_CHANNELS } from "../db/schema";
import type { MessageChannel, MessageOrigin, MessageStatus } from "../db/schema";

export { MESSAGE_CHANNELS };
export type { MessageChannel, MessageStatus };

export { CHANNEL_LABELS } from "./channel-labels";

export function isMessageChannel(value: unknown): value is MessageChannel {
  return typeof value === "string" && (MESSAGE_CHANNELS as readonly string[]).includes(value);
}

/**
 * Outbound progress. Receipts arrive late, twice, or out of order (a read before its delivered), so a status
 * is only ever replaced by a later one; `failed` ends a message that was never delivered.
 */
const STATUS_RANK: Record<MessageStatus, number> = {
  queued: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  failed: 2,
  received: 0,
};

/** Whether a message in `from` may move to `to`. */
export function canAdvance(from: MessageStatus, to: MessageStatus): boolean {
  if (from === to || from === "failed" || from === "read" || from === "received" || to === "received") return false;
  if (to === "failed") return from === "queued" || from === "sent";
  return STATUS_RANK[to] > STATUS_RANK[from];
}

/** The statuses a message may be in for an update to `to` to apply (used in SQL `where status in …`). */
export function statusesBefore(to: MessageStatus): MessageStatus[] {
  return (Object.keys(STATUS_RANK) as MessageStatus[]).filter((from) => canAdvance(from, to));
}

/** Queue order: replies to the lead first, then a rep's manual sends, then campaigns. Lower runs first. */
export const ORIGIN_PRIORITY: Record<MessageOrigin, number> = {
  reply: 0,
  manual: 1,
  system: 1,
  campaign: 2,
  inbound: 0,
  api: 1,
};
