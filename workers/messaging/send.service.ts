// Sending a message (decision 016): validate and route, write the message `queued` with the caller's
// idempotency key (the same key again returns the same message), then hand it to the outbound queue. The
// policy checks here give the rep a clear answer at once; the orchestrator checks again when it sends.
import type { Db } from "../db/client";
import { asUser } from "../db/tenant";
import type { Tx } from "../db/tenant";
import { AppError } from "../lib/app-error";
import type { LiveEventSink } from "../realtime/live-events";
import { asServiceWithLiveEvents, asUserWithLiveEvents } from "../realtime/live-events";
import { findConversation } from "../repos/conversations.repo";
import { findLead } from "../repos/leads.repo";
import type { LeadRecord } from "../repos/leads.repo";
import { findMessage, findMessageByIdempotencyKey, updateQueuedMessage } from "../repos/messages.repo";
import { DuplicateKey, queueRouted, writeQueued } from "./message-writer";
import type { MessageRecord } from "../repos/messages.repo";
import type { Actor } from "../services/actor";
import { leadChannels, routeOrder } from "./channel-options";
import type { MessageChannel } from "./channels";
import { messageJson } from "./message-json";
import type { MessageJson } from "./message-json";
import { emitMessageStatus } from "./messaging-live";
import { enqueueSends } from "./outbound-queue";

export interface SendInput {
  leadId: string;
  channel?: MessageChannel;
  conversationId?: string;
  body: string;
  media?: { url: string; type: string }[];
  idempotencyKey: string;
  /** Send during the lead's quiet hours anyway (the rep chose to). */
  sendNow?: boolean;
  /** Try the next possible channel when this one is not possible or fails for good (default on). */
  fallback?: boolean;
}

export interface ComposerOptions {
  leadId: string;
  channels: {
    channel: MessageChannel;
    label: string;
    handle: string | null;
    possible: boolean;
    reason: string | null;
  }[];
  defaultChannel: MessageChannel | null;
  blocked: { code: string; reason: string } | null;
  sample: boolean;
}

/** What the send path takes from inside the services: a send, possibly a new attempt at a failed message. */
type QueueInput = SendInput & { retryOf?: string };

/** Queues a message for a lead. `created` is false when the key was used before (nothing new is sent). */
export function sendMessage(db: Db, actor: Actor, input: SendInput, env?: Env) {
  return queueAndEnqueue(db, actor, input, env);
}

async function queueAndEnqueue(
  db: Db,
  actor: Actor,
  input: QueueInput,
  env?: Env,
): Promise<{ message: MessageJson; created: boolean }> {
  const result = await queueOnce(db, actor, input, env);
  if (result.queued.length > 0) await enqueueSends(result.queued, env);
  return { message: messageJson(result.message), created: result.created };
}

async function queueOnce(db: Db, actor: Actor, input: QueueInput, env?: Env) {
  try {
    return await queueInTransaction(db, actor, input, env);
  } catch (err) {
    if (!(err instanceof DuplicateKey)) throw err;
    // The other request committed (our insert waited for it): answer with its message.
    const existing = await asUser(db, actor.claims, (tx) =>
      findMessageByIdempotencyKey(tx, actor.workspaceId, input.idempotencyKey),
    );
    if (!existing) throw new AppError("CONFLICT", "A message with this idempotency key is being sent.");
    return { queued: [] as MessageRecord[], message: sameRequest(existing, input), created: false };
  }
}

function queueInTransaction(db: Db, actor: Actor, input: QueueInput, env?: Env) {
  return asUserWithLiveEvents(
    db,
    actor,
    async (tx, live) => {
      const existing = await findMessageByIdempotencyKey(tx, actor.workspaceId, input.idempotencyKey);
      if (existing) {
        const released = input.sendNow ? await releaseHold(tx, live, sameRequest(existing, input)) : undefined;
        return {
          queued: released ? [released] : [],
          message: released ?? sameRequest(existing, input),
          created: false,
        };
      }
      const lead = await requireLead(tx, actor.workspaceId, input.leadId);
      const conversationChannel = await channelOfConversation(tx, actor.workspaceId, input);
      const lc = await leadChannels(tx, actor.workspaceId, lead);
      const queued = await queueRouted(tx, live, lc, {
        ...input,
        channel: input.channel ?? conversationChannel,
        explicit: input.channel !== undefined || conversationChannel !== undefined,
        // An integration's send (API key) is not a person's answer: Meta's HUMAN_AGENT window is not for it.
        origin: actor.apiKeyId ? "api" : "manual",
        sentBy: actor.userId,
        workspaceId: actor.workspaceId,
      });
      return { queued, message: queued.at(-1)!, created: true };
    },
    env,
  );
}

/** What the composer may offer for a lead: every channel with whether it is possible now, and why not. */
export async function composerOptions(db: Db, actor: Actor, leadId: string): Promise<ComposerOptions> {
  const lc = await asUser(db, actor.claims, async (tx) =>
    leadChannels(tx, actor.workspaceId, await requireLead(tx, actor.workspaceId, leadId)),
  );
  const possible = lc.options.filter((o) => o.possible);
  const routed = routeOrder(lc).find((c) => possible.some((o) => o.channel === c));
  const allSuppressed = lc.options.some((o) => o.block?.code === "suppressed" && /all messages/.test(o.block.reason));
  return {
    leadId,
    channels: lc.options.map((o) => ({
      channel: o.channel,
      label: o.label,
      handle: o.handle,
      possible: o.possible,
      reason: o.block?.reason ?? null,
    })),
    defaultChannel: routed ?? possible[0]?.channel ?? null,
    blocked: allSuppressed
      ? { code: "suppressed", reason: "This person opted out of all messages." }
      : possible.length === 0
        ? { code: "no_channel", reason: "No channel can reach this lead right now." }
        : null,
    sample: lc.sample,
  };
}

/** A failed message, sent again as a new attempt on the same channel (Retry in the inbox). */
export async function retryMessage(db: Db, actor: Actor, messageId: string, env?: Env): Promise<MessageJson> {
  const failed = await asUser(db, actor.claims, (tx) => findMessage(tx, actor.workspaceId, messageId));
  if (failed?.direction !== "outbound") throw new AppError("RESOURCE_NOT_FOUND", "No such message.", { messageId });
  if (failed.status !== "failed")
    throw new AppError("CONFLICT", "Only a failed message can be retried.", { messageId, status: failed.status });
  const { message } = await queueAndEnqueue(
    db,
    actor,
    {
      leadId: failed.leadId,
      channel: failed.channel,
      body: failed.body,
      media: failed.media as { url: string; type: string }[],
      // Derived from the failure, so a double click queues one new attempt.
      idempotencyKey: `${failed.idempotencyKey ?? failed.id}:retry:${failed.attempts}:${failed.failedAt?.getTime() ?? 0}`,
      fallback: false,
      retryOf: failed.id,
    },
    env,
  );
  return message;
}

/**
 * A message the system sends on its own (e.g. the opt-out confirmation): service role, no actor, and it goes
 * out even to a person who just opted out — it is the one message that confirms they will get no more.
 */
export async function queueSystemMessage(
  db: Db,
  input: { workspaceId: string; leadId: string; channel: MessageChannel; body: string; idempotencyKey: string },
  env?: Env,
): Promise<MessageJson | null> {
  const queued = await asServiceWithLiveEvents(
    db,
    input.workspaceId,
    async (tx, live) => {
      if (await findMessageByIdempotencyKey(tx, input.workspaceId, input.idempotencyKey)) return [];
      const lead = await requireLead(tx, input.workspaceId, input.leadId);
      const lc = await leadChannels(tx, input.workspaceId, lead);
      const option = lc.options.find((o) => o.channel === input.channel);
      if (!option?.account || !option.handle) return [];
      return [
        await writeQueued(tx, live, lc, option, {
          ...input,
          origin: "system",
          sentBy: null,
          fallback: false,
          holdUntil: null,
        }),
      ];
    },
    env,
  );
  await enqueueSends(queued, env);
  return queued[0] ? messageJson(queued[0]) : null;
}

/**
 * "Send now" on a message held for the lead's quiet hours: the same key with `sendNow` lifts the hold and
 * queues it at once (the delayed job finds it sent and does nothing).
 */
async function releaseHold(tx: Tx, live: LiveEventSink, m: MessageRecord): Promise<MessageRecord | undefined> {
  if (m.status !== "queued" || !m.holdUntil) return undefined;
  const updated = await updateQueuedMessage(tx, m.workspaceId, m.id, { holdUntil: null });
  if (!updated) return undefined;
  const released = { ...m, holdUntil: null };
  emitMessageStatus(live, released);
  return released;
}

function sameRequest(existing: MessageRecord, input: SendInput): MessageRecord {
  if (existing.leadId !== input.leadId)
    throw new AppError("CONFLICT", "This idempotency key was already used for another lead.", {
      idempotencyKey: input.idempotencyKey,
    });
  return existing;
}

async function requireLead(tx: Tx, workspaceId: string, leadId: string): Promise<LeadRecord> {
  const lead = await findLead(tx, workspaceId, leadId);
  if (!lead) throw new AppError("RESOURCE_NOT_FOUND", "No such lead.", { leadId });
  return lead;
}

async function channelOfConversation(tx: Tx, workspaceId: string, input: SendInput) {
  if (!input.conversationId) return undefined;
  const conversation = await findConversation(tx, workspaceId, input.conversationId);
  if (!conversation || conversation.leadId !== input.leadId)
    throw new AppError("RESOURCE_NOT_FOUND", "No such conversation for this lead.", {
      conversationId: input.conversationId,
    });
  if (input.channel && input.channel !== conversation.channel)
    throw new AppError("VALIDATION_FAILED", "The request body is not valid.", {
      location: "json",
      fields: { channel: [`The conversation is on ${conversation.channel}.`] },
    });
  return conversation.channel;
}
