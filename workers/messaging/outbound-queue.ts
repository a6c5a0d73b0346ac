// The outbound queue's producer side: one `message.send` job per queued message, after the transaction that
// wrote it committed (the message row is the outbox; a lost enqueue is found again by the sweep).
import { env as workerEnv } from "cloudflare:workers";
import type { Db } from "../db/client";
import { asService } from "../db/tenant";
import { createLogger, describeError } from "../lib/logger";
import { createJob } from "../queues/job";
import { staleQueuedMessages } from "../repos/messages.repo";
import type { MessageRecord } from "../repos/messages.repo";
import { ORIGIN_PRIORITY } from "./channels";

export const SEND_JOB = "message.send";

export interface SendJob {
  workspaceId: string;
  messageId: string;
  leadId: string;
  priority: number;
}

/** Cloudflare Queues delay a message by at most 12 hours; a longer hold is re-enqueued when it ends. */
export const MAX_QUEUE_DELAY_SECONDS = 12 * 60 * 60;

export function delayUntil(at: Date | null, now = Date.now()): number {
  if (!at) return 0;
  return Math.min(MAX_QUEUE_DELAY_SECONDS, Math.max(0, Math.ceil((at.getTime() - now) / 1000)));
}

export function sendJob(m: Pick<MessageRecord, "id" | "leadId" | "origin" | "workspaceId">) {
  return createJob(
    SEND_JOB,
    {
      workspaceId: m.workspaceId,
      messageId: m.id,
      leadId: m.leadId,
      priority: ORIGIN_PRIORITY[m.origin],
    } satisfies SendJob,
    {
      workspaceId: m.workspaceId,
    },
  );
}

/**
 * Enqueues the messages; a failure is logged by the caller's path and left to the sweep, never surfaced to
 * the rep: the message is stored and will go out.
 */
export async function enqueueSends(
  queued: Pick<MessageRecord, "id" | "leadId" | "origin" | "workspaceId" | "holdUntil" | "status">[],
  env: Env = workerEnv,
): Promise<void> {
  const jobs = queued.filter((m) => m.status === "queued");
  if (jobs.length === 0) return;
  // Cloudflare Queues take at most 100 messages per sendBatch (the sweep hands over up to 500).
  for (let i = 0; i < jobs.length; i += QUEUE_BATCH) {
    const chunk = jobs.slice(i, i + QUEUE_BATCH);
    try {
      await env.OUTBOUND_QUEUE.sendBatch(
        chunk.map((m) => ({ body: sendJob(m), delaySeconds: delayUntil(m.holdUntil) })),
      );
    } catch (err) {
      // Stored as queued: the sweep (cron) enqueues it again.
      createLogger().warn("outbound.enqueue_failed", { count: chunk.length, ...describeError(err) });
    }
  }
}

const QUEUE_BATCH = 100;

/** A queued message untouched this long has lost its job (an enqueue that failed after commit). */
const STALE_QUEUED_MS = 2 * 60 * 1000;

/** Rows the sweep reads per query, and the most it enqueues per run (the rest waits for the next minute). */
const SWEEP_PAGE = 500;
const SWEEP_MAX = 10_000;

/**
 * Enqueues again every message still `queued` well after it was written or last tried and not on hold: the
 * enqueue after its commit failed, or its job was lost. A message that is in fact still in the queue is sent
 * once anyway — its LeadRoom skips a message that is no longer queued. Run by the Worker's cron trigger; it
 * pages through a backlog (after an outage) instead of taking 500 a minute, which capped recovery at ~8 msg/s.
 */
export async function sweepQueuedMessages(db: Db, env: Env = workerEnv, staleMs = STALE_QUEUED_MS): Promise<number> {
  const before = new Date(Date.now() - staleMs);
  let after: Awaited<ReturnType<typeof staleQueuedMessages>>[number] | undefined;
  let total = 0;
  while (total < SWEEP_MAX) {
    const page = await asService(db, (tx) => staleQueuedMessages(tx, before, SWEEP_PAGE, after));
    await enqueueSends(
      page.map((m) => ({ ...m, holdUntil: null, status: "queued" as const })),
      env,
    );
    total += page.length;
    after = page.at(-1);
    if (page.length < SWEEP_PAGE) break;
  }
  return total;
}
