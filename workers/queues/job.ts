import { z } from "zod";
import type { DbHandle } from "../db/client";
import type { Logger } from "../lib/logger";

/** Every message on our queues is a job envelope; `id` is the idempotency key handlers dedupe on. */
export const JobEnvelopeSchema = z.object({
  id: z.string().min(1).max(200),
  type: z.string().min(1).max(100),
  /** The tenant the job works for; handlers scope every query by it (they run on the service path). */
  workspaceId: z.uuid().optional(),
  payload: z.unknown(),
  enqueuedAt: z.iso.datetime().optional(),
});
export type JobEnvelope = z.infer<typeof JobEnvelopeSchema>;

export interface JobContext {
  env: Env;
  db: DbHandle;
  log: Logger;
  attempts: number;
  jobId: string;
}

export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<void>;

/** Job types each work queue understands; later capabilities (enrichment, outbound messages) register here. */
export type JobHandlers = Record<string, JobHandler>;

/** One job of a batch handed to a BatchHandler. */
export interface BatchJob {
  payload: unknown;
  attempts: number;
  jobId: string;
}

/**
 * Takes every job of its type in a queue batch at once (so the work can share queries and round trips), in
 * the batch's order. Returns one entry per job: `null` when it is done, else the error it failed with (an
 * UnretryableJobError dead-letters it, a RetryLaterError sets the delay, anything else backs off).
 * Rejecting fails every job of the call.
 */
export type BatchHandler = (
  jobs: BatchJob[],
  ctx: Omit<JobContext, "attempts" | "jobId">,
) => Promise<(unknown | null)[]>;
export type BatchHandlers = Record<string, BatchHandler>;

export function createJob(
  type: string,
  payload: unknown,
  opts: { id?: string; workspaceId?: string } = {},
): JobEnvelope {
  return {
    id: opts.id ?? crypto.randomUUID(),
    type,
    workspaceId: opts.workspaceId,
    payload,
    enqueuedAt: new Date().toISOString(),
  };
}

/**
 * A job that can never succeed however often it runs (its payload does not parse): dispatch dead-letters it
 * at once instead of spending the queue's retries on it.
 */
export class UnretryableJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnretryableJobError";
  }
}

/** The payload in the handler's schema, or an UnretryableJobError naming what is wrong with it. */
export function parsePayload<T>(schema: z.ZodType<T>, payload: unknown): T {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "payload"}: ${i.message}`).join("; ");
  throw new UnretryableJobError(`invalid payload (${issues.slice(0, 300)})`);
}

/** What a dead-letter hook learns about the message that will not be retried any more. */
export interface DeadLetterInfo {
  reason: string;
  attempts: number;
  messageId: string;
}

/**
 * Runs once a job of its type is dead-lettered (retries exhausted, or unretryable), so the record the job
 * worked on can say it failed instead of waiting forever. Must be idempotent: a DLQ batch may be redelivered.
 */
export type DeadLetterHook = (
  payload: unknown,
  info: DeadLetterInfo,
  ctx: Omit<JobContext, "attempts" | "jobId">,
) => Promise<void>;
export type DeadLetterHooks = Record<string, DeadLetterHook>;

/**
 * A job that should run again after `delaySeconds` (a provider asked us to wait): counts as an attempt, like
 * any failure, but with the delay the job chose instead of the default backoff.
 */
export class RetryLaterError extends Error {
  readonly delaySeconds: number;

  constructor(message: string, delaySeconds: number) {
    super(message);
    this.name = "RetryLaterError";
    this.delaySeconds = delaySeconds;
  }
}

/**
 * How a queue runs a batch: jobs with the same `group` run one after another in `priority` order (lower
 * first), different groups run concurrently. Queues without a plan run their batch in order, one by one.
 */
export type BatchPlan = (job: JobEnvelope) => { group: string; priority: number };
