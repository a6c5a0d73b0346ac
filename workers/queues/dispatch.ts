import { lazyDb } from "../db/client";
import { asService } from "../db/tenant";
import { createLogger, describeError, parseLogLevel } from "../lib/logger";
import type { Logger } from "../lib/logger";
import { insertDeadLetters } from "../repos/dead-letters.repo";
import type { NewDeadLetter } from "../repos/dead-letters.repo";
import { JobEnvelopeSchema, RetryLaterError, UnretryableJobError } from "./job";
import type { BatchHandler, BatchHandlers, BatchPlan, DeadLetterHooks, JobEnvelope, JobHandlers } from "./job";
import {
  batchHandlers as defaultBatchHandlers,
  batchPlans,
  deadLetterHooks as defaultHooks,
  jobHandlers as defaultHandlers,
} from "./registry";
import type { WorkQueue } from "./registry";

const DLQ_SUFFIX = "-dlq";
const MAX_BACKOFF_SECONDS = 600;
/** Groups of a batch (e.g. leads) run at once, bounded so a batch cannot exhaust Postgres connections. */
const GROUP_CONCURRENCY = 8;

/** Exponential backoff for a failed attempt: 10 s, 20 s, 40 s … capped at ten minutes. */
export function backoffSeconds(attempts: number): number {
  return Math.min(MAX_BACKOFF_SECONDS, 10 * 2 ** Math.max(0, attempts - 1));
}

export async function handleQueueBatch(
  batch: MessageBatch,
  env: Env,
  ctx: ExecutionContext,
  handlers: Record<WorkQueue, JobHandlers> = defaultHandlers,
  hooks: DeadLetterHooks = defaultHooks,
  wholeBatch: Partial<Record<WorkQueue, BatchHandlers>> = defaultBatchHandlers,
): Promise<void> {
  const log = createLogger({ queue: batch.queue }, parseLogLevel(env.LOG_LEVEL));
  const database = lazyDb(env.HYPERDRIVE.connectionString);
  const deps = { env, database, log, hooks };
  try {
    if (batch.queue.endsWith(DLQ_SUFFIX)) {
      await recordDeadLetters(batch, deps);
    } else {
      const queue = batch.queue as WorkQueue;
      await runJobs(batch, handlers[queue] ?? {}, wholeBatch[queue] ?? {}, deps, batchPlans[queue]);
    }
  } finally {
    ctx.waitUntil(database.close().catch(() => {}));
  }
}

interface RunDeps {
  env: Env;
  database: ReturnType<typeof lazyDb>;
  log: Logger;
  hooks: DeadLetterHooks;
}

type Planned = { message: Message; job: JobEnvelope | undefined; priority: number; index: number };

async function runJobs(
  batch: MessageBatch,
  handlers: JobHandlers,
  wholeBatch: BatchHandlers,
  deps: RunDeps,
  plan?: BatchPlan,
): Promise<void> {
  const groups = new Map<string, Planned[]>();
  batch.messages.forEach((message, index) => {
    const parsed = JobEnvelopeSchema.safeParse(message.body);
    const job = parsed.success ? parsed.data : undefined;
    const { group, priority } = job && plan ? plan(job) : { group: "", priority: 0 };
    const list = groups.get(group) ?? [];
    list.push({ message, job, priority, index });
    groups.set(group, list);
  });
  for (const list of groups.values()) list.sort((a, b) => a.priority - b.priority || a.index - b.index);
  // Job types with a batch handler get all their jobs in one call, in plan order (group by group).
  const batched = new Map<string, Planned[]>();
  const pending: Planned[][] = [];
  for (const list of groups.values()) {
    const rest = list.filter((p) => {
      if (!p.job || !wholeBatch[p.job.type]) return true;
      batched.set(p.job.type, [...(batched.get(p.job.type) ?? []), p]);
      return false;
    });
    if (rest.length > 0) pending.push(rest);
  }
  const worker = async () => {
    for (let list = pending.shift(); list; list = pending.shift())
      for (const { message, job } of list) await runJob(batch.queue, message, job, handlers, deps);
  };
  await Promise.all([
    ...[...batched].map(([type, jobs]) => runBatch(batch.queue, wholeBatch[type]!, jobs, deps)),
    ...Array.from({ length: Math.min(GROUP_CONCURRENCY, pending.length) }, worker),
  ]);
}

async function runBatch(queue: string, handler: BatchHandler, jobs: Planned[], deps: RunDeps): Promise<void> {
  let results: (unknown | null)[];
  try {
    results = await handler(
      jobs.map(({ message, job }) => ({ payload: job!.payload, attempts: message.attempts, jobId: job!.id })),
      { env: deps.env, db: deps.database.get(), log: deps.log },
    );
  } catch (err) {
    results = jobs.map(() => err);
  }
  await Promise.all(jobs.map(({ message, job }, i) => settle(queue, message, job!, results[i] ?? null, deps)));
}

async function runJob(
  queue: string,
  message: Message,
  job: JobEnvelope | undefined,
  handlers: JobHandlers,
  deps: RunDeps,
): Promise<void> {
  const handler = job ? handlers[job.type] : undefined;
  if (!job || !handler) {
    const reason = job ? `no handler for job type "${job.type}"` : "not a job envelope";
    await deadLetterNow(queue, message, reason, deps);
    return;
  }
  let error: unknown = null;
  try {
    await handler(job.payload, {
      env: deps.env,
      db: deps.database.get(),
      log: deps.log.child({ jobId: job.id, jobType: job.type, attempts: message.attempts }),
      attempts: message.attempts,
      jobId: job.id,
    });
  } catch (err) {
    error = err;
  }
  await settle(queue, message, job, error, deps);
}

/** Acks a job that succeeded; dead-letters, or retries with the job's delay or the backoff, one that failed. */
async function settle(queue: string, message: Message, job: JobEnvelope, error: unknown, deps: RunDeps) {
  if (error === null) return message.ack();
  if (error instanceof UnretryableJobError) return deadLetterNow(queue, message, error.message, deps);
  const delaySeconds = error instanceof RetryLaterError ? error.delaySeconds : backoffSeconds(message.attempts);
  deps.log
    .child({ jobId: job.id, jobType: job.type, attempts: message.attempts })
    .warn("job failed, will retry", { delaySeconds, ...describeError(error) });
  message.retry({ delaySeconds });
}

/** Messages that can never succeed skip the retries and go straight to the dead-letter table. */
async function deadLetterNow(queue: string, message: Message, reason: string, deps: RunDeps): Promise<void> {
  try {
    await asService(deps.database.get().db, (tx) => insertDeadLetters(tx, [toDeadLetter(queue, message, reason)]));
    await runHook(message, reason, deps);
    deps.log.warn("job dead-lettered", { messageId: message.id, reason });
    message.ack();
  } catch (err) {
    deps.log.error("could not record dead letter, will retry", describeError(err));
    message.retry({ delaySeconds: backoffSeconds(message.attempts) });
  }
}

const RETRIES_EXHAUSTED = "retries exhausted";

async function recordDeadLetters(batch: MessageBatch, deps: RunDeps) {
  const { log } = deps;
  const rows = batch.messages.map((m) => toDeadLetter(batch.queue, m, RETRIES_EXHAUSTED));
  try {
    await asService(deps.database.get().db, (tx) => insertDeadLetters(tx, rows));
    for (const message of batch.messages) await runHook(message, RETRIES_EXHAUSTED, deps);
    batch.ackAll();
    log.warn("dead letters recorded", { count: rows.length });
  } catch (err) {
    log.error("could not record dead letters, will retry", describeError(err));
    batch.retryAll({ delaySeconds: 30 });
  }
}

/** Lets the job's owner record the failure (e.g. an import becomes `failed`); a throw retries the batch. */
async function runHook(message: Message, reason: string, deps: RunDeps): Promise<void> {
  const parsed = JobEnvelopeSchema.safeParse(message.body);
  const hook = parsed.success ? deps.hooks[parsed.data.type] : undefined;
  if (!parsed.success || !hook) return;
  const log = deps.log.child({ jobId: parsed.data.id, jobType: parsed.data.type });
  await hook(
    parsed.data.payload,
    { reason, attempts: message.attempts, messageId: message.id },
    { env: deps.env, db: deps.database.get(), log },
  );
}

function toDeadLetter(queue: string, message: Message, reason: string): NewDeadLetter {
  const body = toJsonValue(message.body);
  const fields = (body ?? {}) as { type?: unknown; workspaceId?: unknown };
  const jobType = JobEnvelopeSchema.shape.type.safeParse(fields.type);
  const workspaceId = JobEnvelopeSchema.shape.workspaceId.safeParse(fields.workspaceId);
  return {
    workspaceId: workspaceId.success ? (workspaceId.data ?? null) : null,
    queue,
    messageId: message.id,
    jobType: jobType.success ? jobType.data : null,
    body,
    reason,
    attempts: message.attempts,
  };
}

function toJsonValue(body: unknown): unknown {
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) {
    const bytes = body instanceof ArrayBuffer ? new Uint8Array(body) : new Uint8Array(body.buffer);
    return { base64: btoa(String.fromCharCode(...bytes)) };
  }
  return body === undefined ? null : body;
}
