// Delivery and read receipts from the `inbound` queue (decision 016), a whole queue batch at a time: per
// workspace one transaction finds the messages by provider id, moves them forward (one statement per status),
// records their live events and marks the provider events processed. Other receipts (sent, failed) are rare
// and take the one-by-one path in inbound.service.ts.
import { z } from "zod";
import { MESSAGE_CHANNELS } from "../db/schema";
import { parsePayload } from "../queues/job";
import type { BatchHandler, BatchJob } from "../queues/job";
import { asServiceWithLiveEvents } from "../realtime/live-events";
import { advanceReceipts, findMessagesByProviderIds } from "../repos/message-batches.repo";
import { markWebhookEventsProcessed } from "../repos/webhook-events.repo";
import type { ProviderEvent } from "./channel-adapter";
import { UNKNOWN_MESSAGE_RETRIES, processInboundEvent } from "./inbound.service";
import { emitMessageStatus } from "./messaging-live";
import type { InboundEventPayload } from "./webhook-ingest";

export { INBOUND_RECEIPT_JOB } from "./webhook-ingest";

type StatusEvent = Extract<ProviderEvent, { kind: "status" }>;
type Receipt = InboundEventPayload & { event: StatusEvent };

const ReceiptSchema = z.object({
  provider: z.string().min(1),
  workspaceId: z.uuid(),
  channel: z.enum(MESSAGE_CHANNELS),
  accountId: z.uuid(),
  event: z.object({
    kind: z.literal("status"),
    eventId: z.string().min(1),
    accountExternalId: z.string(),
    providerMessageId: z.string().min(1),
    status: z.enum(["sent", "delivered", "read", "failed"]),
    errorCode: z.string().optional(),
    at: z.string(),
  }),
});

export const handleReceiptBatch: BatchHandler = async (jobs, ctx) => {
  const results: (unknown | null)[] = jobs.map(() => null);
  const batches = new Map<string, { index: number; job: BatchJob; receipt: Receipt }[]>();
  for (const [index, job] of jobs.entries()) {
    try {
      const receipt = parsePayload(ReceiptSchema, job.payload) as Receipt;
      if (receipt.event.status === "delivered" || receipt.event.status === "read") {
        const key = `${receipt.workspaceId}:${receipt.channel}:${receipt.provider}`;
        batches.set(key, [...(batches.get(key) ?? []), { index, job, receipt }]);
      } else {
        await processInboundEvent(ctx.db.db, ctx.env, ctx.log, receipt, { attempts: job.attempts });
      }
    } catch (err) {
      results[index] = err;
    }
  }
  for (const items of batches.values()) {
    try {
      const unknown = await applyReceipts(ctx, items);
      for (const i of unknown) results[i] = new Error("receipt for a message not stored yet");
    } catch (err) {
      for (const item of items) results[item.index] = err;
    }
  }
  return results;
};

/** Returns the indexes of receipts to try again: their message has no provider id yet (our update lags). */
async function applyReceipts(
  ctx: Parameters<BatchHandler>[1],
  items: { index: number; job: BatchJob; receipt: Receipt }[],
): Promise<number[]> {
  const { workspaceId, channel, provider } = items[0]!.receipt;
  return asServiceWithLiveEvents(
    ctx.db.db,
    workspaceId,
    async (tx, live) => {
      const ids = [...new Set(items.map((i) => i.receipt.event.providerMessageId))];
      const byProviderId = new Map(
        (await findMessagesByProviderIds(tx, workspaceId, channel, ids)).map((m) => [m.providerMessageId, m] as const),
      );
      const retry: number[] = [];
      const done: string[] = [];
      const due = { delivered: new Map<string, Date>(), read: new Map<string, Date>() };
      for (const { index, job, receipt } of items) {
        const message = byProviderId.get(receipt.event.providerMessageId);
        if (!message && job.attempts < UNKNOWN_MESSAGE_RETRIES) {
          retry.push(index);
          continue;
        }
        done.push(receipt.event.eventId);
        if (!message) {
          ctx.log.warn("inbound.status_for_unknown_message", { providerMessageId: receipt.event.providerMessageId });
          continue;
        }
        due[receipt.event.status as "delivered" | "read"].set(message.id, new Date(receipt.event.at));
      }
      // Delivered before read, so a message with both in the batch ends `read` with both times set.
      for (const status of ["delivered", "read"] as const) {
        const moved = await advanceReceipts(
          tx,
          workspaceId,
          status,
          [...due[status]].map(([id, at]) => ({ id, at })),
        );
        // Late, repeated or out-of-order receipts change nothing (the status only moves forward).
        for (const m of moved) emitMessageStatus(live, m);
      }
      await markWebhookEventsProcessed(tx, provider, done);
      return retry;
    },
    ctx.env,
  );
}
