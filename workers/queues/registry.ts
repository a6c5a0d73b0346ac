import { failImportOnDeadLetter, handleImportChunk } from "../imports/import-processor";
import { IMPORT_CHUNK_JOB } from "../imports/import.service";
import { ENRICH_JOB, handleEnrichJob } from "../lead-engine/lead-enrichment.service";
import { handleInboundEvent } from "../messaging/inbound.service";
import { SEND_JOB, failDeadLetteredSend, handleSendJob, sendBatchPlan } from "../messaging/send-job";
import { INBOUND_EVENT_JOB, inboundBatchPlan } from "../messaging/webhook-ingest";
import type { BatchPlan, DeadLetterHooks, JobHandlers } from "./job";

export type WorkQueue = "enrichment" | "outbound" | "inbound";

/**
 * Handlers per work queue. A message whose type has no handler is dead-lettered at once rather than
 * retried, so a deploy that forgets a handler is visible in `dead_letter_jobs` instead of looping.
 */
export const jobHandlers: Record<WorkQueue, JobHandlers> = {
  enrichment: { [ENRICH_JOB]: handleEnrichJob, [IMPORT_CHUNK_JOB]: handleImportChunk },
  outbound: { [SEND_JOB]: handleSendJob },
  inbound: { [INBOUND_EVENT_JOB]: handleInboundEvent },
};

/** Per job type: what to mark failed once its job is dead-lettered (the record would otherwise wait forever). */
export const deadLetterHooks: DeadLetterHooks = {
  [IMPORT_CHUNK_JOB]: failImportOnDeadLetter,
  [SEND_JOB]: failDeadLetteredSend,
};

/** Outbound: one lead's messages in order (replies, then manual, then campaign), different leads at once. */
export const batchPlans: Partial<Record<WorkQueue, BatchPlan>> = {
  outbound: sendBatchPlan,
  inbound: inboundBatchPlan,
};
