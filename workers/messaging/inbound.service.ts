// The `inbound.event` consumer (decision 016): applies a provider's status receipt (forward only) or takes in
// a lead's message — finds the lead by identity or creates one, files the message in the lead's thread, moves
// their card on a first reply, and honours opt-out words — or a change of the receiving account itself (a
// WhatsApp session connected or was logged out). Every change and its live events commit together.
import { z } from "zod";
import type { Db } from "../db/client";
import { MESSAGE_CHANNELS } from "../db/schema";
import type { PipelineStage } from "../db/schema";
import type { Tx } from "../db/tenant";
import { asService } from "../db/tenant";
import type { Logger } from "../lib/logger";
import type { JobContext } from "../queues/job";
import { parsePayload } from "../queues/job";
import { asServiceWithLiveEvents } from "../realtime/live-events";
import { touchConversation, upsertConversation } from "../repos/conversations.repo";
import { findLeadByChannelHandle } from "../repos/leads.repo";
import { advanceReceipts } from "../repos/message-batches.repo";
import { outboundSentBy } from "../repos/read-watermark.repo";
import { messagingSettingsOf } from "../repos/messaging-settings.repo";
import { hasInboundMessage, lockSender } from "../repos/inbound.repo";
import { advanceMessageStatus, findMessageByProviderId, insertMessage } from "../repos/messages.repo";
import { markWebhookEventProcessed } from "../repos/webhook-events.repo";
import { moveLeadCards } from "../services/cards.service";
import { queueSystemMessage } from "./send.service";
import type { ProviderEvent } from "./channel-adapter";
import { applyAccountEvent } from "./channel-accounts.service";
import { channelAdapter } from "./channel-registry";
import { giveUpOnMessage } from "./orchestrator.service";
import { findOrCreateInboundLead } from "./inbound-lead";
import { emitConversation, emitMessageReceived, emitMessageStatus } from "./messaging-live";
import { confirmOptOut } from "./opt-out-confirmation";
import type { OptOutToConfirm, QueueSystemMessage } from "./opt-out-confirmation";
import { detectOptOut } from "./opt-out";
import { handleIdentity, suppressLead } from "./suppressions.service";
import type { InboundEventPayload } from "./webhook-ingest";

/** Stages a first reply moves a card out of, and where to. */
const BEFORE_REPLY: readonly PipelineStage[] = ["To Contact", "Contacted"];
const ON_REPLY: PipelineStage = "In Conversation";
/** A receipt can overtake our own "sent" update (the provider answered before we stored its id): retry a bit. */
export const UNKNOWN_MESSAGE_RETRIES = 3;

const PayloadSchema = z.object({
  provider: z.string().min(1),
  workspaceId: z.uuid(),
  channel: z.enum(MESSAGE_CHANNELS),
  accountId: z.uuid(),
  event: z.custom<ProviderEvent>(
    (v) =>
      typeof v === "object" &&
      v !== null &&
      ["message", "status", "account", "read_up_to"].includes((v as { kind?: string }).kind ?? ""),
  ),
});

export interface InboundDeps {
  /** The send path's system-message queue (send.service.ts), for the opt-out confirmation. */
  queueSystemMessage?: QueueSystemMessage;
}

/** The real send path; tests pass their own. */
export const inboundDeps: InboundDeps = { queueSystemMessage };

export async function handleInboundEvent(payload: unknown, ctx: JobContext) {
  const job = parsePayload(PayloadSchema, payload) as InboundEventPayload;
  await processInboundEvent(ctx.db.db, ctx.env, ctx.log, job, { attempts: ctx.attempts });
}

export async function processInboundEvent(
  db: Db,
  env: Env,
  log: Logger,
  job: InboundEventPayload,
  opts: { attempts?: number; deps?: InboundDeps } = {},
) {
  const outcome =
    job.event.kind === "status"
      ? await applyStatus(db, env, log, job, job.event, opts.attempts ?? 1)
      : job.event.kind === "account"
        ? await applyAccountEvent(db, env, job, job.event)
        : job.event.kind === "read_up_to"
          ? await applyReadUpTo(db, env, job, job.event)
          : await receiveMessage(db, env, job, job.event, opts.deps ?? inboundDeps);
  await asService(db, (tx) => markWebhookEventProcessed(tx, job.provider, job.event.eventId));
  return outcome;
}

type StatusEvent = Extract<ProviderEvent, { kind: "status" }>;
type MessageEvent = Extract<ProviderEvent, { kind: "message" }>;
type ReadUpToEvent = Extract<ProviderEvent, { kind: "read_up_to" }>;

/** A read watermark: the lead's outbound messages on the channel sent by then become `read` (forward only). */
async function applyReadUpTo(db: Db, env: Env, job: InboundEventPayload, event: ReadUpToEvent) {
  return asServiceWithLiveEvents(
    db,
    job.workspaceId,
    async (tx, live) => {
      const lead = await findLeadByChannelHandle(tx, job.workspaceId, job.channel, event.handle);
      if (!lead) return { applied: false };
      const at = new Date(event.at);
      const due = await outboundSentBy(tx, job.workspaceId, lead.id, job.channel, at);
      const moved = await advanceReceipts(
        tx,
        job.workspaceId,
        "read",
        due.map((m) => ({ id: m.id, at })),
      );
      for (const m of moved) emitMessageStatus(live, m);
      return { applied: moved.length > 0 };
    },
    env,
  );
}

async function applyStatus(
  db: Db,
  env: Env,
  log: Logger,
  job: InboundEventPayload,
  event: StatusEvent,
  attempts: number,
) {
  // A provider that accepted a send and then found it cannot reach the lead (LinkedIn: not a connection): the
  // message fails with the channel's words and falls back, as a refusal at send time would have.
  const refusal =
    event.status === "failed" && event.errorCode && channelAdapter(job.channel)?.refusals?.[event.errorCode];
  if (refusal) {
    const pending = await asService(db, (tx) =>
      findMessageByProviderId(tx, job.workspaceId, job.channel, event.providerMessageId),
    );
    if (pending?.status === "queued") {
      await giveUpOnMessage(db, env, job.workspaceId, pending.id, event.errorCode!, refusal);
      return { applied: true };
    }
  }
  return asServiceWithLiveEvents(
    db,
    job.workspaceId,
    async (tx, live) => {
      const message = await findMessageByProviderId(tx, job.workspaceId, job.channel, event.providerMessageId);
      if (!message) {
        if (attempts < UNKNOWN_MESSAGE_RETRIES) throw new Error("receipt for a message not stored yet");
        log.warn("inbound.status_for_unknown_message", { providerMessageId: event.providerMessageId });
        return { applied: false as const };
      }
      const failed = event.status === "failed";
      const updated = await advanceMessageStatus(tx, job.workspaceId, message.id, event.status, {
        at: new Date(event.at),
        ...(failed ? { errorCode: event.errorCode ?? "provider_failed", errorMessage: null } : {}),
      });
      // Late, repeated or out-of-order receipts change nothing (the status only moves forward).
      if (updated) emitMessageStatus(live, updated);
      return { applied: Boolean(updated) };
    },
    env,
  );
}

async function receiveMessage(db: Db, env: Env, job: InboundEventPayload, event: MessageEvent, deps: InboundDeps) {
  const ws = job.workspaceId;
  const handle = event.from.handle.trim();
  const body = storable(event.body);
  const at = new Date(event.at);
  const result = await asServiceWithLiveEvents(
    db,
    ws,
    async (tx, live) => {
      await lockSender(tx, ws, job.channel, handle.toLowerCase());
      if (await findMessageByProviderId(tx, ws, job.channel, event.providerMessageId)) return null; // a replay
      const { lead, created } = await findOrCreateInboundLead(tx, ws, job.channel, { ...event.from, handle });
      const firstReply = created || !(await hasInboundMessage(tx, ws, lead.id));
      const thread = await upsertConversation(tx, {
        workspaceId: ws,
        leadId: lead.id,
        channel: job.channel,
        accountId: job.accountId,
        externalThreadId: event.threadId,
      });
      const message = (await insertMessage(tx, {
        workspaceId: ws,
        conversationId: thread.id,
        leadId: lead.id,
        channel: job.channel,
        accountId: job.accountId,
        direction: "inbound",
        body,
        media: event.media,
        status: "received",
        origin: "inbound",
        providerMessageId: event.providerMessageId,
        receivedAt: at,
      }))!;
      const conversation = await touchConversation(tx, thread.id, {
        id: message.id,
        body,
        direction: "inbound",
        at,
      });
      emitMessageReceived(live, message, handle);
      if (conversation) emitConversation(live, conversation);
      if (firstReply && (await messagingSettingsOf(tx, ws)).moveOnReply)
        await moveLeadCards(tx, live, ws, lead.id, { from: BEFORE_REPLY, to: ON_REPLY, actorId: null });
      const optOut = await honourOptOut(tx, live, ws, job, lead, handle, body, message.id, thread.id);
      return { leadId: lead.id, messageId: message.id, createdLead: created, optOut };
    },
    env,
  );
  if (result?.optOut) {
    if (deps.queueSystemMessage) await confirmOptOut(deps.queueSystemMessage, db, env, result.optOut);
  }
  return result;
}

/** An opt-out suppresses the person on every channel; returns what to confirm when it was news. */
async function honourOptOut(
  tx: Tx,
  live: Parameters<typeof suppressLead>[1],
  ws: string,
  job: InboundEventPayload,
  lead: Parameters<typeof suppressLead>[3],
  handle: string,
  body: string,
  messageId: string,
  conversationId: string,
): Promise<OptOutToConfirm | null> {
  const detected = detectOptOut(body);
  if (!detected) return null;
  const from = handleIdentity(job.channel, handle, lead.country);
  const added = await suppressLead(tx, live, ws, lead, {
    channel: null,
    extra: from ? [from] : [],
    reason: `Replied "${body.trim().slice(0, 80)}" on ${job.channel}`,
    source: "keyword",
    createdBy: null,
  });
  // Already suppressed (a repeated STOP): no second confirmation.
  if (added.length === 0) return null;
  return {
    workspaceId: ws,
    leadId: lead.id,
    conversationId,
    channel: job.channel,
    accountId: job.accountId,
    language: detected.language,
    inboundMessageId: messageId,
  };
}

/** Postgres cannot store NUL or lone surrogates; a provider's text is kept as close to what was sent as it can. */
function storable(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what is removed
      .replace(/\u0000/g, "")
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
  );
}
