// The shared front half of the inbound path (decision 016): route provider events to a workspace by the
// receiving account, record each event id once (a replay is acknowledged and dropped), and enqueue one
// `inbound.event` job per new event. The webhook route calls it after verifying the signature; the Sandbox
// provider (a Durable Object) calls it directly with its simulated receipts and replies.
import type { Db } from "../db/client";
import type { MessageChannel } from "../db/schema";
import { asService } from "../db/tenant";
import { AppError } from "../lib/app-error";
import { createLogger } from "../lib/logger";
import { createJob } from "../queues/job";
import type { BatchPlan, JobEnvelope } from "../queues/job";
import { findAccountsByExternalIds } from "../repos/channel-accounts.repo";
import { recordWebhookEvents } from "../repos/webhook-events.repo";
import type { ProviderEvent } from "./channel-adapter";
import { webhookProvider } from "./webhook-providers";

export const INBOUND_EVENT_JOB = "inbound.event";
/** A provider's status event (receipts.service.ts handles these a batch at a time). */
export const INBOUND_RECEIPT_JOB = "inbound.receipt";

/** The job's payload: the event as the provider told it, and where it was routed. */
export interface InboundEventPayload {
  provider: string;
  workspaceId: string;
  channel: MessageChannel;
  accountId: string;
  event: ProviderEvent;
}

export interface IngestResult {
  /** New events, enqueued. */
  accepted: number;
  /** Events already accepted before (or twice in this batch): acknowledged, not processed again. */
  duplicates: number;
  /** Events for an account no workspace has connected: dropped (and logged). */
  ignored: number;
}

/** Cloudflare Queues take at most 100 messages per sendBatch. */
const QUEUE_BATCH = 100;

export async function ingestProviderEvents(
  db: Db,
  env: Env,
  provider: string,
  events: ProviderEvent[],
): Promise<IngestResult> {
  const source = webhookProvider(provider);
  if (!source) throw new AppError("RESOURCE_NOT_FOUND", `No webhook provider "${provider}".`, { provider });
  const unique = [...new Map(events.map((e) => [e.eventId, e] as const)).values()];
  const repeatedInBatch = events.length - unique.length;
  // A provider serving several channels (Meta: Messenger and Instagram) names each event's; accounts are per channel.
  const channelOf = (e: ProviderEvent): MessageChannel => e.channel ?? source.channel;
  const routeKey = (e: ProviderEvent) => `${channelOf(e)}:${e.accountExternalId}`;
  const byChannel = new Map<MessageChannel, Set<string>>();
  for (const e of unique)
    byChannel.set(channelOf(e), (byChannel.get(channelOf(e)) ?? new Set()).add(e.accountExternalId));

  // The ledger rows and the enqueue commit together: if the queue refuses, the provider's retry finds no
  // ledger row and is accepted then. (A commit that fails after the enqueue only repeats work the consumer
  // does idempotently.)
  const result = await asService(db, async (tx) => {
    const accountOf = new Map<string, { id: string; workspaceId: string }>();
    for (const [channel, externalIds] of byChannel)
      for (const account of await findAccountsByExternalIds(tx, channel, [...externalIds]))
        if (!accountOf.has(`${channel}:${account.externalId}`))
          accountOf.set(`${channel}:${account.externalId}`, account);
    const routed = unique.filter((e) => accountOf.has(routeKey(e)));
    const unknownAccounts = [...new Set(unique.filter((e) => !accountOf.has(routeKey(e))).map(routeKey))];
    const fresh = await recordWebhookEvents(
      tx,
      provider,
      routed.map((e) => ({ eventId: e.eventId, workspaceId: accountOf.get(routeKey(e))!.workspaceId })),
    );
    const jobs: JobEnvelope[] = routed
      .filter((e) => fresh.has(e.eventId))
      .map((event) => {
        const account = accountOf.get(routeKey(event))!;
        const payload: InboundEventPayload = {
          provider,
          workspaceId: account.workspaceId,
          channel: channelOf(event),
          accountId: account.id,
          event,
        };
        // Receipts have their own job type: the consumer applies a whole batch of them at once.
        return createJob(event.kind === "status" ? INBOUND_RECEIPT_JOB : INBOUND_EVENT_JOB, payload, {
          id: `${provider}:${event.eventId}`.slice(0, 200),
          workspaceId: account.workspaceId,
        });
      });
    for (let i = 0; i < jobs.length; i += QUEUE_BATCH)
      await env.INBOUND_QUEUE.sendBatch(jobs.slice(i, i + QUEUE_BATCH).map((body) => ({ body })));
    return {
      accepted: jobs.length,
      duplicates: routed.length - jobs.length + repeatedInBatch,
      ignored: unique.length - routed.length,
      unknownAccounts,
    };
  });
  if (result.ignored > 0)
    createLogger().warn("webhook.unrouted", {
      provider,
      ignored: result.ignored,
      accounts: result.unknownAccounts.slice(0, 10),
    });
  return { accepted: result.accepted, duplicates: result.duplicates, ignored: result.ignored };
}

/**
 * Inbound batches: one sender's messages (and one message's receipts) in arrival order, different senders at
 * once. Receipts would be safe in any order (status only moves forward), a conversation's messages are not.
 */
export const inboundBatchPlan: BatchPlan = (job) => {
  const payload = job.payload as Partial<InboundEventPayload> | undefined;
  const event = payload?.event;
  if (!payload?.workspaceId || !event) return { group: job.id, priority: 0 };
  // An account's own reports are applied in order too (each also checks it is newer than the stored one).
  const who =
    event.kind === "message"
      ? `from:${event.from?.handle}`
      : event.kind === "account"
        ? `account:${event.accountExternalId}`
        : event.kind === "read_up_to"
          ? `read:${event.handle}`
          : `msg:${event.providerMessageId}`;
  return { group: `${payload.workspaceId}:${who}`, priority: 0 };
};
