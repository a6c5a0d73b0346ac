// The outbound queue's consumer side: each `message.send` job is handed to its lead's LeadRoom, which sends
// one message at a time per lead (decision 016). Holds (quiet hours, caps) come back as a fresh delayed job;
// retryable provider errors as a retry that counts; dead-lettered sends end `failed`.
import { getServerByName } from "partyserver";
import { z } from "zod";
import type { LeadRoom } from "../../durable-objects/lead-room";
import { RetryLaterError, createJob, parsePayload } from "../queues/job";
import type { BatchPlan, DeadLetterHook, JobHandler } from "../queues/job";
import { roomName } from "../realtime/room-access";
import { giveUpOnMessage } from "./orchestrator.service";
import { MAX_QUEUE_DELAY_SECONDS, SEND_JOB } from "./outbound-queue";

export { SEND_JOB };

const SendJobSchema = z.object({
  workspaceId: z.uuid(),
  messageId: z.uuid(),
  leadId: z.uuid(),
  priority: z.number().int().min(0).max(9).default(1),
});

export function leadRoom(env: Env, workspaceId: string, leadId: string): Promise<DurableObjectStub<LeadRoom>> {
  return getServerByName<Env, LeadRoom>(
    env.LeadRoom as unknown as DurableObjectNamespace<LeadRoom>,
    roomName(workspaceId, leadId),
  );
}

export const handleSendJob: JobHandler = async (payload, ctx) => {
  const job = parsePayload(SendJobSchema, payload);
  const room = await leadRoom(ctx.env, job.workspaceId, job.leadId);
  const result = await room.dispatch(job.workspaceId, job.messageId);
  if (result.outcome !== "later") return;
  if (result.attempt) {
    // The provider's own wait when it gave one, else the queue's usual backoff.
    if (result.delaySeconds > 0) throw new RetryLaterError(`send failed: ${result.reason}`, result.delaySeconds);
    throw new Error(`send failed: ${result.reason}`);
  }
  // A hold is not a failure: a new job waits out the hold without using up the retries.
  await ctx.env.OUTBOUND_QUEUE.send(createJob(SEND_JOB, job, { workspaceId: job.workspaceId }), {
    delaySeconds: Math.min(result.delaySeconds, MAX_QUEUE_DELAY_SECONDS),
  });
};

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
