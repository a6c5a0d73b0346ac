// The outbound orchestrator (decision 016): runs inside the lead's LeadRoom, one lead's sends at a time.
// It re-checks policy (the authority), honours holds and per-sender caps (send-plan.ts), calls the channel
// adapter with the message id as idempotency key, one message after another in order, and moves the statuses
// forward. A queue batch's messages of one lead are handled together: one transaction to plan them, one to
// record the accepted sends and their live events. Returns, per message, what the queue should do next.
import type { Db } from "../db/client";
import { asServiceWithLiveEvents } from "../realtime/live-events";
import { advanceMessageStatus, findMessage, updateQueuedMessage } from "../repos/messages.repo";
import { markMessagesSent } from "../repos/message-batches.repo";
import type { MessageRecord } from "../repos/messages.repo";
import { asService } from "../db/tenant";
import { findLead } from "../repos/leads.repo";
import { ChannelSendError } from "./channel-adapter";
import { leadChannels, routeOrder } from "./channel-options";
import type { ChannelOption, LeadChannels } from "./channel-options";
import { emitMessageStatus } from "./messaging-live";
import { enqueueSends } from "./outbound-queue";
import { queueRouted } from "./message-writer";
import { planSends } from "./send-plan";

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

/** One message (see deliverMessages). */
export async function deliverMessage(
  db: Db,
  env: Env,
  workspaceId: string,
  messageId: string,
  hooks: SendHooks = {},
): Promise<SendOutcome> {
  const [outcome] = await deliverMessages(db, env, workspaceId, [messageId], hooks);
  return outcome!;
}

/**
 * Sends one lead's queued messages in the order given. A database error before anything was sent rejects
 * (every job retries); a provider error is that message's outcome and the others still go out.
 */
export async function deliverMessages(
  db: Db,
  env: Env,
  workspaceId: string,
  messageIds: readonly string[],
  hooks: SendHooks = {},
): Promise<SendOutcome[]> {
  const plan = await planSends(db, workspaceId, messageIds, new Date());
  const outcomes: SendOutcome[] = [];
  const accepted: { index: number; id: string; providerMessageId: string }[] = [];
  const pending: typeof accepted = [];
  for (const [index, p] of plan.entries()) {
    if (p.step === "skip") outcomes[index] = { outcome: "skipped", status: p.status };
    else if (p.step === "hold") outcomes[index] = later(p.delaySeconds, p.reason);
    else if (p.step === "fail") outcomes[index] = await fail(db, env, p.message, p.lc, p.block.code, p.block.reason);
    else {
      const sent = await sendOne(db, env, workspaceId, p.message, p.option, p.lc);
      if ("providerMessageId" in sent) {
        await hooks.afterProviderAccepted?.(sent.providerMessageId);
        const entry = { index, id: p.message.id, providerMessageId: sent.providerMessageId };
        // A provider that sends later (paced): the message stays queued with its id until the provider's status.
        if (sent.pending) pending.push(entry);
        else accepted.push(entry);
        outcomes[index] = { outcome: sent.pending ? "accepted" : "sent", providerMessageId: sent.providerMessageId };
      } else if (sent.permanent) {
        outcomes[index] = await fail(db, env, p.message, p.lc, sent.permanent.code, sent.permanent.message);
      } else outcomes[index] = sent.outcome;
    }
  }
  if (pending.length > 0)
    await asService(db, async (tx) => {
      for (const m of pending)
        await updateQueuedMessage(tx, workspaceId, m.id, { providerMessageId: m.providerMessageId });
    });
  if (accepted.length > 0)
    await asServiceWithLiveEvents(
      db,
      workspaceId,
      async (tx, live) => {
        for (const m of await markMessagesSent(tx, workspaceId, accepted)) emitMessageStatus(live, m);
      },
      env,
    );
  return outcomes;
}

/** Hands one message to its channel: the provider's id, a retry for later, or a permanent failure. */
async function sendOne(
  db: Db,
  env: Env,
  workspaceId: string,
  message: MessageRecord,
  option: ChannelOption,
  lc: LeadChannels,
): Promise<
  | { providerMessageId: string; pending?: boolean }
  | { outcome: SendOutcome; permanent?: undefined }
  | { permanent: { code: string; message: string } }
> {
  try {
    return await option.adapter!.send(
      {
        workspaceId,
        messageId: message.id,
        idempotencyKey: message.id,
        account: option.account!,
        leadId: message.leadId,
        to: option.handle!,
        body: message.body,
        media: message.media as { url: string; type: string }[],
        recipientTimeZone: lc.lead.timezone,
        reply: message.origin === "reply",
        origin: message.origin,
        lastInboundAt: option.conversation?.lastInboundAt ?? null,
      },
      env,
      { db },
    );
  } catch (err) {
    if (err instanceof ChannelSendError) {
      if (err.retryable) return { outcome: later(err.retryAfterSeconds ?? 0, err.code, true) };
      return { permanent: { code: err.code, message: err.message } };
    }
    // Not the provider's answer (e.g. it could not be reached): this message's job retries with backoff.
    return { outcome: later(0, err instanceof Error ? err.message.slice(0, 200) : "send_error", true) };
  }
}

function later(delaySeconds: number, reason: string, attempt = false): SendOutcome {
  return { outcome: "later", delaySeconds, reason, attempt };
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
