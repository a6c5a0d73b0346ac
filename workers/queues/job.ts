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

export function createJob(type: string, payload: unknown, opts: { id?: string; workspaceId?: string } = {}): JobEnvelope {
  return { id: opts.id ?? crypto.randomUUID(), type, workspaceId: opts.workspaceId, payload, enqueuedAt: new Date().toISOString() };
}
