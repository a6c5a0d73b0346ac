import { failImportOnDeadLetter, handleImportChunk } from "../imports/import-processor";
import { IMPORT_CHUNK_JOB } from "../imports/import.service";
import { ENRICH_JOB, handleEnrichJob } from "../lead-engine/lead-enrichment.service";
import { handleInboundEvent } from "../messaging/inbound.service";
import { INBOUND_EVENT_JOB } from "../messaging/webhook-ingest";
import type { DeadLetterHooks, JobHandlers } from "./job";

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

/** Per job type: what to mark failed once its job is dead-lettered (the record would otherwise wait forever). */
export const deadLetterHooks: DeadLetterHooks = {
  [IMPORT_CHUNK_JOB]: failImportOnDeadLetter,
};
