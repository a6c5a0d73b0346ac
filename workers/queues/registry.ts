import { failImportOnDeadLetter, handleImportChunk } from "../imports/import-processor";
import { IMPORT_CHUNK_JOB } from "../imports/import.service";
import { ENRICH_JOB, handleEnrichJob } from "../lead-engine/lead-enrichment.service";
import { handleInboundEvent } from "../messaging/inbound.service";
import { SEND_JOB, failDeadLetteredSend, handleSendBatch, sendBatchPlan } from "../messaging/send-job";
import { handleReceiptBatch } from "../messaging/receipts.service";
import { INBOUND_EVENT_JOB, INBOUND_RECEIPT_JOB, inboundBatchPlan } from "../messaging/webhook-ingest";
import type { BatchHandlers, BatchPlan, DeadLetterHooks, JobHandlers } from "./job";

export type WorkQueue = "enrichment" | "outbound" | "inbound";

/**
 * Handlers per work queue. A message whose type has no handler is dead-lettered at once rather than
 * retried, so a deploy that forgets a handler is visible in `dead_letter_jobs` instead of looping.
 */
export const jobHandlers: Record<WorkQueue, JobHandlers> = {
  enrichment: { [ENRICH_JOB]: handleEnrichJob, [IMPORT_CHUNK_JOB]: handleImportChunk },
  outbound: {},
  inbound: { [INBOUND_EVENT_JOB]: handleInboundEvent },
};

/** Job types handled a whole batch at a time (their handler shares queries and round trips across jobs). */
export const batchHandlers: Partial<Record<WorkQueue, BatchHandlers>> = {
  outbound: { [SEND_JOB]: handleSendBatch },
  inbound: { [INBOUND_RECEIPT_JOB]: handleReceiptBatch },
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
