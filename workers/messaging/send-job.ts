// The outbound queue's consumer side: each `message.send` job is handed to its lead's LeadRoom, which sends
// one lead's messages at a time (decision 016). Holds (quiet hours, caps) come back as a fresh delayed job;
// retryable provider errors as a retry that counts; dead-lettered sends end `failed`.
import { z } from "zod";
import type { LeadRoom } from "../../durable-objects/lead-room";
import { RetryLaterError, createJob, parsePayload } from "../queues/job";
import type { BatchHandler, BatchPlan, DeadLetterHook } from "../queues/job";
import { roomByName, roomName } from "../realtime/room-access";
import { giveUpOnMessage } from "./orchestrator.service";
import type { SendOutcome } from "./orchestrator.service";
import { MAX_QUEUE_DELAY_SECONDS, SEND_JOB } from "./outbound-queue";

export { SEND_JOB };

const SendJobSchema = z.object({
  workspaceId: z.uuid(),
  messageId: z.uuid(),
  leadId: z.uuid(),
  priority: z.number().int().min(0).max(9).default(1),
});

export function leadRoom(env: Env, workspaceId: string, leadId: string): DurableObjectStub<LeadRoom> {
  return roomByName(env.LeadRoom as unknown as DurableObjectNamespace<LeadRoom>, roomName(workspaceId, leadId));
}

/** Leads whose sends run at once; each LeadRoom holds one Postgres connection while it works. */
const LEAD_CONCURRENCY = 8;

/**
 * The outbound consumer: a batch's jobs (in plan order) grouped by lead, and each lead's messages handed to
 * its LeadRoom in one call — one room round trip and a few statements per lead instead of per message.
 * Holds (quiet hours, caps) come back as a fresh delayed job; failed attempts as the job's error.
 */
export const handleSendBatch: BatchHandler = async (jobs, ctx) => {
  const results: (unknown | null)[] = jobs.map(() => null);
  const byLead = new Map<string, { index: number; job: z.infer<typeof SendJobSchema> }[]>();
  jobs.forEach((j, index) => {
    try {
      const job = parsePayload(SendJobSchema, j.payload);
      const key = `${job.workspaceId}.${job.leadId}`;
      byLead.set(key, [...(byLead.get(key) ?? []), { index, job }]);
    } catch (err) {
      results[index] = err;
    }
  });
  const pending = [...byLead.values()];
  const worker = async () => {
    for (let group = pending.shift(); group; group = pending.shift()) {
      const { workspaceId, leadId } = group[0]!.job;
      try {
        const room = leadRoom(ctx.env, workspaceId, leadId);
        const outcomes = await room.dispatch(
          workspaceId,
          group.map((g) => g.job.messageId),
        );
        await Promise.all(
          group.map(async (g, i) => {
            results[g.index] = await afterSend(ctx.env, g.job, outcomes[i]!).then(
              () => null,
              (err: unknown) => err,
            );
          }),
        );
      } catch (err) {
        for (const g of group) results[g.index] = err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(LEAD_CONCURRENCY, pending.length) }, worker));
  return results;
};

async function afterSend(env: Env, job: z.infer<typeof SendJobSchema>, result: SendOutcome): Promise<void> {
  if (result.outcome !== "later") return;
  if (result.attempt) {
    // The provider's own wait when it gave one, else the queue's usual backoff.
    if (result.delaySeconds > 0) throw new RetryLaterError(`send failed: ${result.reason}`, result.delaySeconds);
    throw new Error(`send failed: ${result.reason}`);
  }
  // A hold is not a failure: a new job waits out the hold without using up the retries.
  await env.OUTBOUND_QUEUE.send(createJob(SEND_JOB, job, { workspaceId: job.workspaceId }), {
    delaySeconds: Math.min(result.delaySeconds, MAX_QUEUE_DELAY_SECONDS),
  });
}

export const sendBatchPlan: BatchPlan = (job) => {
  const parsed = SendJobSchema.safeParse(job.payload);
  return parsed.success
    ? { group: parsed.data.leadId, priority: parsed.data.priority }
    : { group: job.id, priority: 9 };
};

/** Retries exhausted: the message ends `failed` (and falls back if it may), visible with Retry in the inbox. */
export const failDeadLetteredSend: DeadLetterHook = async (payload, info, ctx) => {
  const parsed = SendJobSchema.safeParse(payload);
  if (!parsed.success) return;
  await giveUpOnMessage(
    ctx.db.db,
    ctx.env,
    parsed.data.workspaceId,
    parsed.data.messageId,
    "retries_exhausted",
    `Not sent after ${info.attempts} attempts (${info.reason}).`,
  );
};
