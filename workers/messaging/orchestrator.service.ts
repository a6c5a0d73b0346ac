// The outbound orchestrator (decision 016): runs inside the lead's LeadRoom, one send at a time per lead.
// It re-checks policy (the authority), honours holds and per-sender caps, calls the channel adapter with the
// message id as idempotency key, and moves the status forward. Returns what the queue should do next.
import type { Db } from "../db/client";
import { asService } from "../db/tenant";
import { asServiceWithLiveEvents } from "../realtime/live-events";
import { findLead } from "../repos/leads.repo";
import { advanceMessageStatus, countSentSince, findMessage, updateQueuedMessage } from "../repos/messages.repo";
import type { MessageRecord } from "../repos/messages.repo";
import { ChannelSendError } from "./channel-adapter";
import { leadChannels, routeOrder } from "./channel-options";
import type { ChannelOption, LeadChannels } from "./channel-options";
import { emitMessageStatus } from "./messaging-live";
import { enqueueSends } from "./outbound-queue";
import type { Block } from "./policy";
import { queueRouted } from "./message-writer";

export type SendOutcome =
  | { outcome: "sent"; providerMessageId: string }
  /** The provider took it and sends it later (paced): it stays queued until the provider's status event. */
  | { outcome: "accepted"; providerMessageId: string }
  | { outcome: "failed"; code: string }
  | { outcome: "skipped"; status: string }
  /** Try again later: `attempt` = this was a failed attempt (counts towards the queue's retries), else a hold. */
  | { outcome: "later"; delaySeconds: number; reason: string; attempt: boolean };

/** Test seam: lets a reliability test stop the consumer between the provider's accept and our update. */
export interface SendHooks {
  afterProviderAccepted?: (providerMessageId: string) => void | Promise<void>;
}

export async function deliverMessage(
  db: Db,
  env: Env,
  workspaceId: string,
  messageId: string,
  hooks: SendHooks = {},
): Promise<SendOutcome> {
  const now = new Date();
  const { message, lc } = await loadQueued(db, workspaceId, messageId, now);
  if (message?.status !== "queued") return { outcome: "skipped", status: message?.status ?? "missing" };
  // Already accepted by a provider that sends later: sending again would only ask for the same message twice.
  if (message.providerMessageId) return { outcome: "skipped", status: "accepted" };
  if (message.holdUntil && message.holdUntil > now)
    return later(Math.ceil((message.holdUntil.getTime() - now.getTime()) / 1000), "quiet_hours");
  const option = lc?.options.find((o) => o.channel === message.channel);
  const block: Block | null =
    !lc || !option ? { code: "no_adapter", reason: "The lead no longer exists." } : blockAtSend(message, option);
  if (block) return fail(db, env, message, lc, block.code, block.reason);

  const capWait = await capDelay(db, option!, now);
  if (capWait > 0) return later(capWait, "sender_cap");
  await asService(db, (tx) =>
    updateQueuedMessage(tx, workspaceId, message.id, {
      attempts: message.attempts + 1,
      accountId: option!.account!.id,
    }),
  );
  let providerMessageId: string;
  let pending: boolean | undefined;
  try {
    ({ providerMessageId, pending } = await option!.adapter!.send(
      {
        workspaceId,
        messageId: message.id,
        idempotencyKey: message.id,
        account: option!.account!,
        leadId: message.leadId,
        to: option!.handle!,
        body: message.body,
        media: message.media as { url: string; type: string }[],
        recipientTimeZone: lc!.lead.timezone,
        reply: message.origin === "reply",
      },
      env,
    ));
  } catch (err) {
    if (!(err instanceof ChannelSendError)) throw err;
    if (err.retryable) return later(err.retryAfterSeconds ?? 0, err.code, true);
    return fail(db, env, message, lc, err.code, err.message);
  }
  await hooks.afterProviderAccepted?.(providerMessageId);
  if (pending) {
    await asService(db, (tx) => updateQueuedMessage(tx, workspaceId, message.id, { providerMessageId }));
    return { outcome: "accepted", providerMessageId };
  }
  await asServiceWithLiveEvents(
    db,
    workspaceId,
    async (tx, live) => {
      const sent = await advanceMessageStatus(tx, workspaceId, message.id, "sent", { providerMessageId });
      if (sent) emitMessageStatus(live, sent);
    },
    env,
  );
  return { outcome: "sent", providerMessageId };
}

/** The suppression / sample / account / window checks, except a system message may reach an opted-out person. */
function blockAtSend(message: MessageRecord, option: ChannelOption): Block | null {
  if (!option.block) return null;
  if (message.origin === "system" && option.block.code === "suppressed") return null;
  return option.block;
}

function later(delaySeconds: number, reason: string, attempt = false): SendOutcome {
  return { outcome: "later", delaySeconds, reason, attempt };
}

/** Seconds until the sending account is under its per-minute and per-day caps again (0 = send now). */
async function capDelay(db: Db, option: ChannelOption, now: Date): Promise<number> {
  const { caps } = option.adapter!.capabilities;
  const account = option.account!;
  const [minute, day] = await asService(db, (tx) =>
    Promise.all([
      countSentSince(tx, account.id, new Date(now.getTime() - 60_000)),
      countSentSince(tx, account.id, new Date(now.getTime() - 86_400_000)),
    ]),
  );
  if (day >= caps.perDay) return 3600;
  if (minute >= caps.perMinute) return 60;
  return 0;
}

/**
 * Ends the message `failed` with a code and, when its fallback is on, queues the same text on the next
 * possible channel, linked by `fallback_of` (with a key derived from the first, so a retry cannot double it).
 */
async function fail(
  db: Db,
  env: Env,
  message: MessageRecord,
  lc: LeadChannels | undefined,
  code: string,
  reason: string,
): Promise<SendOutcome> {
  const queued = await asServiceWithLiveEvents(
    db,
    message.workspaceId,
    async (tx, live) => {
      const failed = await advanceMessageStatus(tx, message.workspaceId, message.id, "failed", {
        errorCode: code,
        errorMessage: reason,
      });
      if (!failed) return [];
      emitMessageStatus(live, failed);
      if (!message.fallbackEnabled || !lc || message.fallbackOf) return [];
      const others: LeadChannels = {
        ...lc,
        options: lc.options.map((o) => (o.channel === message.channel ? { ...o, possible: false } : o)),
      };
      const viable = routeOrder(others).some((c) => others.options.find((o) => o.channel === c)?.possible);
      if (!viable) return [];
      return queueRouted(tx, live, others, {
        workspaceId: message.workspaceId,
        leadId: message.leadId,
        body: message.body,
        media: message.media as { url: string; type: string }[],
        idempotencyKey: `${message.idempotencyKey ?? message.id}:fallback`,
        explicit: false,
        origin: message.origin,
        sentBy: message.sentBy,
        fallback: false,
        fallbackOf: message.id,
      });
    },
    env,
  );
  await enqueueSends(queued, env);
  return { outcome: "failed", code };
}

/** Ends a still-queued message `failed` with `code` (e.g. retries exhausted), falling back if it may. */
export async function giveUpOnMessage(
  db: Db,
  env: Env,
  workspaceId: string,
  messageId: string,
  code: string,
  reason: string,
): Promise<void> {
  const { message, lc } = await loadQueued(db, workspaceId, messageId, new Date());
  if (message?.status === "queued") await fail(db, env, message, lc, code, reason);
}

/** The message and, while it is still queued, its lead's channel options (what sending or failing it needs). */
function loadQueued(db: Db, workspaceId: string, messageId: string, now: Date) {
  return asService(db, async (tx) => {
    const message = await findMessage(tx, workspaceId, messageId);
    if (message?.status !== "queued") return { message, lc: undefined };
    const lead = await findLead(tx, workspaceId, message.leadId);
    return { message, lc: lead ? await leadChannels(tx, workspaceId, lead, now) : undefined };
  });
}
