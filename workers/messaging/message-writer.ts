// Writing outbound messages: routing to a channel (with fallback), quiet-hour holds, the thread and the live
// events. Shared by the send service (reps, API, room sockets), system messages and the orchestrator's fallback.
import type { MessageOrigin } from "../db/schema";
import type { Tx } from "../db/tenant";
import { AppError } from "../lib/app-error";
import type { LiveEventSink } from "../realtime/live-events";
import { touchConversation, upsertConversation } from "../repos/conversations.repo";
import { insertMessage } from "../repos/messages.repo";
import type { MessageRecord } from "../repos/messages.repo";
import { routeOrder } from "./channel-options";
import type { ChannelOption, LeadChannels } from "./channel-options";
import type { MessageChannel } from "./channels";
import { emitConversation, emitMessageStatus } from "./messaging-live";
import { nextAllowedSend } from "./policy";

/** Thrown inside the transaction when another request inserted the same idempotency key first. */
export class DuplicateKey extends Error {}

export interface RouteRequest {
  workspaceId: string;
  leadId: string;
  channel?: MessageChannel;
  body: string;
  media?: { url: string; type: string }[];
  idempotencyKey: string;
  sendNow?: boolean;
  fallback?: boolean;
  /** The message this one replaces on another channel. */
  fallbackOf?: string;
  /** The failed message this one is a new attempt at (Retry). */
  retryOf?: string;
  explicit: boolean;
  origin: MessageOrigin;
  sentBy: string | null;
}

/**
 * Picks the channel and writes the message(s): the named channel when possible; otherwise, with fallback on,
 * a `failed` record on the named channel (with its reason) linked to a message on the next possible one.
 */
export async function queueRouted(
  tx: Tx,
  live: LiveEventSink,
  lc: LeadChannels,
  req: RouteRequest,
): Promise<MessageRecord[]> {
  const fallback = req.fallback ?? true;
  const byChannel = (c: MessageChannel) => lc.options.find((o) => o.channel === c)!;
  const order = routeOrder(lc, req.channel);
  const first = req.channel ? byChannel(req.channel) : undefined;
  const next = order.map(byChannel).find((o) => o.possible && o.channel !== req.channel);
  if (first?.possible || (!req.explicit && next)) {
    const option = first?.possible ? first : next!;
    const fields = { ...req, fallback, holdUntil: holdFor(lc, req) };
    return [await writeQueued(tx, live, lc, option, fields, null, req.fallbackOf ?? null)];
  }
  const blocked = first ?? lc.options.find((o) => o.block?.code === "suppressed") ?? lc.options[0]!;
  if (!fallback || !next || blocked.block?.code === "suppressed")
    throw new AppError("MESSAGE_BLOCKED", blocked.block?.reason ?? "No channel can reach this lead right now.", {
      channel: blocked.channel,
      reason: blocked.block?.code ?? "no_channel",
    });
  const failed = await writeQueued(tx, live, lc, blocked, { ...req, fallback, holdUntil: null }, blocked.block);
  const sent = await writeQueued(
    tx,
    live,
    lc,
    next,
    { ...req, idempotencyKey: `${req.idempotencyKey}:fallback:${next.channel}`, fallback, holdUntil: holdFor(lc, req) },
    null,
    failed.id,
  );
  return [failed, sent].filter((m) => m.status === "queued");
}

function holdFor(lc: LeadChannels, req: { sendNow?: boolean }): Date | null {
  if (req.sendNow) return null;
  const now = new Date();
  const at = nextAllowedSend(lc.lead.timezone, now, { start: lc.settings.quietStart, end: lc.settings.quietEnd });
  return at > now ? at : null;
}

/** Writes one outbound message (queued, or failed with `block`) on its thread and raises its live events. */
export async function writeQueued(
  tx: Tx,
  live: LiveEventSink,
  lc: LeadChannels,
  option: ChannelOption,
  req: {
    workspaceId: string;
    body: string;
    media?: { url: string; type: string }[];
    idempotencyKey: string;
    origin: MessageOrigin;
    sentBy: string | null;
    fallback: boolean;
    holdUntil: Date | null;
    retryOf?: string | null;
  },
  block: ChannelOption["block"] = null,
  fallbackOf: string | null = null,
): Promise<MessageRecord> {
  const conversation = await upsertConversation(tx, {
    workspaceId: req.workspaceId,
    leadId: lc.lead.id,
    channel: option.channel,
    accountId: option.account?.id ?? null,
  });
  const now = new Date();
  const message = await insertMessage(tx, {
    workspaceId: req.workspaceId,
    conversationId: conversation.id,
    leadId: lc.lead.id,
    channel: option.channel,
    accountId: option.account?.id ?? null,
    direction: "outbound",
    body: req.body,
    media: req.media ?? [],
    status: block ? "failed" : "queued",
    // Answering the lead (their message is the thread's last) goes ahead of cold manual sends in the queue.
    origin: req.origin === "manual" && option.conversation?.lastMessageDirection === "inbound" ? "reply" : req.origin,
    errorCode: block?.code ?? null,
    errorMessage: block?.reason ?? null,
    failedAt: block ? now : null,
    idempotencyKey: req.idempotencyKey,
    sentBy: req.sentBy,
    fallbackOf,
    retryOf: req.retryOf ?? null,
    fallbackEnabled: req.fallback,
    holdUntil: req.holdUntil,
    queuedAt: now,
  });
  // A concurrent request with the same key won the insert: this one is a repeat (answered by sendMessage).
  if (!message) throw new DuplicateKey();
  const touched = await touchConversation(tx, conversation.id, { ...message, direction: "outbound", at: now });
  emitMessageStatus(live, message);
  if (touched) emitConversation(live, touched);
  return message;
}
