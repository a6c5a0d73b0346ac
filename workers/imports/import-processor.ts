// One `import.chunk` job: parse the chunk's whole records (plus the carried start of a record from the
// previous chunk), save them as one transaction with their row errors and the import's counters, then
// queue the next chunk. A job whose chunk is already done re-queues the next one (a lost send) and stops.
import Papa from "papaparse";
import { z } from "zod";
import type { Db } from "../db/client";
import { asService } from "../db/tenant";
import type { Tx } from "../db/tenant";
import type { Logger } from "../lib/logger";
import { createJob, parsePayload } from "../queues/job";
import type { DeadLetterHook, JobContext } from "../queues/job";
import * as repo from "../repos/imports.repo";
import { toRow } from "../services/leads.service";
import { AppError } from "../lib/app-error";
import { recordAudit } from "../services/audit.service";
import { decodeAnyChunk, splitAtRecordEnd } from "./csv-sniff";
import { impliedTitle } from "./import-mapping";
import type { Mapping } from "./import-mapping";
import { saveImportedLeads } from "./import-leads";
import { normalizeRow } from "./import-row";
import { IMPORT_CHUNK_JOB } from "./import.service";

const SAVE_BATCH = 500;
const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;
const PayloadSchema = z.object({ importId: z.uuid(), workspaceId: z.uuid(), seq: z.number().int().min(0) });

type RowError = { rowNumber: number; columnName: string | null; message: string; raw: string };

export async function handleImportChunk(payload: unknown, ctx: JobContext) {
  // A payload that does not parse never will: dead-lettered at once (and the import marked failed, if named).
  const job = parsePayload(PayloadSchema, payload);
  const next = await processChunk(
    ctx.db.db,
    ctx.log,
    job,
    Number(ctx.env.IMPORT_MAX_RECORD_BYTES) || DEFAULT_MAX_RECORD_BYTES,
  );
  if (next !== null)
    await ctx.env.ENRICHMENT_QUEUE.send(
      createJob(
        IMPORT_CHUNK_JOB,
        { ...job, seq: next },
        { workspaceId: job.workspaceId, id: `${job.importId}:${next}` },
      ),
    );
}

/** Returns the next chunk to queue, or null when the import is finished. */
export async function processChunk(
  db: Db,
  log: Logger,
  job: z.infer<typeof PayloadSchema>,
  maxRecordBytes = DEFAULT_MAX_RECORD_BYTES,
): Promise<number | null> {
  return asService(db, async (tx) => {
    const record = await repo.findImport(tx, job.workspaceId, job.importId, true);
    if (!record || record.status === "completed" || record.status === "failed") return null;
    if (record.nextSeq > job.seq) return record.nextSeq < record.chunkCount ? record.nextSeq : null;
    if (record.nextSeq < job.seq) return null;
    const last = job.seq >= record.chunkCount - 1;
    const bytes = await repo.readChunk(tx, job.workspaceId, job.importId, job.seq);
    // Postgres cannot store NUL in text; a stray one inside a cell is dropped rather than failing the batch.
    // Encoding is decided per chunk (and per line inside a chunk that is not UTF-8), not once for the file.
    const text = record.carry + (bytes ? decodeAnyChunk(bytes).text.replaceAll("\u0000", "") : "");
    const [head, tail] = last ? [text, ""] : splitAtRecordEnd(text);
    const { saved, errors, rows } = await importRecords(tx, record, head, job.seq === 0);
    // A record still open after this many bytes is an unterminated quote (or absurdly long): carrying it
    // through the rest of the file would rescan it with every chunk, so the import stops here.
    const runaway = tail.length > maxRecordBytes;
    if (runaway) {
      const rowNumber = record.totalRows + rows + 1;
      const message = `row ${rowNumber}: unterminated quoted field (no closing quote within ${Math.round(maxRecordBytes / 1024)} KB); the rest of the file was not read.`;
      errors.push({ rowNumber, columnName: null, raw: tail.slice(0, 200), message });
      await repo.insertErrors(tx, [
        {
          rowNumber,
          columnName: null,
          raw: tail.slice(0, 200),
          message,
          importId: record.id,
          workspaceId: record.workspaceId,
        },
      ]);
    }
    const done = last || runaway;
    await repo.updateImport(tx, job.workspaceId, job.importId, {
      status: runaway ? "failed" : done ? "completed" : "running",
      error: runaway ? errors.at(-1)!.message : record.error,
      startedAt: record.startedAt ?? new Date(),
      finishedAt: done ? new Date() : null,
      nextSeq: job.seq + 1,
      carry: runaway ? "" : tail,
      totalRows: record.totalRows + rows + (runaway ? 1 : 0),
      imported: record.imported + saved.imported,
      merged: record.merged + saved.merged,
      failed: record.failed + errors.length,
    });
    if (done) {
      await repo.deleteChunks(tx, job.workspaceId, job.importId);
      await recordAudit(tx, {
        event: runaway ? "import.failed" : "import.completed",
        workspaceId: job.workspaceId,
        actorUserId: record.createdBy,
        subject: job.importId,
        details: {
          rows: record.totalRows + rows,
          imported: record.imported + saved.imported,
          merged: record.merged + saved.merged,
          failed: record.failed + errors.length,
        },
      });
    }
    log.info("import chunk", {
      importId: job.importId,
      seq: job.seq,
      rows,
      imported: saved.imported,
      merged: saved.merged,
      failed: errors.length,
    });
    return done ? null : job.seq + 1;
  });
}

async function importRecords(tx: Tx, record: repo.ImportRecord, text: string, skipHeader: boolean) {
  const parsed = Papa.parse<string[]>(text, { delimiter: record.delimiter, skipEmptyLines: "greedy" });
  const data = skipHeader ? parsed.data.slice(1) : parsed.data;
  const offset = skipHeader ? 1 : 0;
  const quoteErrors = new Map(
    parsed.errors.filter((e) => e.type === "Quotes" && e.row !== undefined).map((e) => [e.row! - offset, e.message]),
  );
  const mapping = record.mapping as Mapping;
  const title = impliedTitle(mapping);
  const errors: RowError[] = [];
  const rows: ReturnType<typeof toRow>[] = [];
  const rowNumbers: number[] = [];
  for (const [i, fields] of data.entries()) {
    const rowNumber = record.totalRows + i + 1;
    const raw = Papa.unparse([fields], { delimiter: record.delimiter }).slice(0, 2000);
    if (fields.length !== record.headers.length) {
      errors.push({
        rowNumber,
        columnName: null,
        raw,
        message: `The row has ${fields.length} fields; the header has ${record.headers.length}. Quote values that contain "${record.delimiter}".`,
      });
      continue;
    }
    if (quoteErrors.has(i)) {
      errors.push({ rowNumber, columnName: null, raw, message: `Malformed quotes: ${quoteErrors.get(i)}` });
      continue;
    }
    const result = normalizeRow(Object.fromEntries(record.headers.map((h, k) => [h, fields[k]!])), mapping, title);
    if (!result.ok) {
      errors.push({ rowNumber, columnName: result.column, raw, message: result.message });
      continue;
    }
    try {
      rows.push(
        toRow({ ...result.lead, source: record.source }, {
          workspaceId: record.workspaceId,
          userId: record.createdBy!,
        } as never),
      );
      rowNumbers.push(rowNumber);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      errors.push({ rowNumber, columnName: null, raw, message: err.message });
    }
  }
  // Sub-batches keep each statement under Postgres's 65,535 bind parameters; all share the chunk's transaction.
  const saved = { imported: 0, merged: 0, leadIds: [] as string[] };
  for (let i = 0; i < rows.length; i += SAVE_BATCH) {
    const part = await saveImportedLeads(tx, record.workspaceId, rows.slice(i, i + SAVE_BATCH));
    saved.imported += part.imported;
    saved.merged += part.merged;
    saved.leadIds.push(...part.leadIds);
  }
  for (let i = 0; i < saved.leadIds.length; i += 5 * SAVE_BATCH) {
    if (record.listId)
      await repo.addListMembers(tx, record.workspaceId, record.listId, saved.leadIds.slice(i, i + 5 * SAVE_BATCH));
  }
  for (let i = 0; i < errors.length; i += SAVE_BATCH) {
    await repo.insertErrors(
      tx,
      errors.slice(i, i + SAVE_BATCH).map((e) => ({ ...e, importId: record.id, workspaceId: record.workspaceId })),
    );
  }
  return { saved, errors, rows: data.length };
}

// Loose on purpose: a payload dead-lettered for a bad `seq` still names the import that must not wait forever.
const ImportTargetSchema = z.object({
  importId: z.uuid(),
  workspaceId: z.uuid(),
  seq: z.number().int().min(0).optional().catch(undefined),
});

/**
 * A chunk job was dead-lettered (retries exhausted, or a payload that cannot be processed): the import
 * becomes `failed` with the reason, so the page stops waiting. Rows of the chunks already done stay imported.
 */
export const failImportOnDeadLetter: DeadLetterHook = async (payload, info, ctx) => {
  const target = ImportTargetSchema.safeParse(payload);
  if (!target.success) return void ctx.log.warn("dead-lettered import job names no import", { reason: info.reason });
  const { importId, workspaceId, seq } = target.data;
  await asService(ctx.db.db, async (tx) => {
    const record = await repo.findImport(tx, workspaceId, importId, true);
    if (!record || record.status === "completed" || record.status === "failed") return;
    const part = `Part ${Math.min(seq ?? record.nextSeq, Math.max(0, record.chunkCount - 1)) + 1} of ${record.chunkCount} of the file`;
    const why =
      info.reason === "retries exhausted"
        ? `could not be processed after ${info.attempts} attempts`
        : `could not be processed (${info.reason})`;
    const kept =
      record.totalRows > 0
        ? ` The ${record.totalRows} rows read before it were kept (${record.imported} new, ${record.merged} merged).`
        : " No rows were imported.";
    const error = `${part} ${why}; the import stopped there.${kept}`;
    await repo.updateImport(tx, workspaceId, importId, { status: "failed", error, finishedAt: new Date(), carry: "" });
    await repo.deleteChunks(tx, workspaceId, importId);
    await recordAudit(tx, {
      event: "import.failed",
      workspaceId,
      actorUserId: record.createdBy,
      subject: importId,
      details: {
        reason: info.reason,
        attempts: info.attempts,
        rows: record.totalRows,
        imported: record.imported,
        merged: record.merged,
        failed: record.failed,
      },
    });
    ctx.log.warn("import failed: chunk dead-lettered", { importId, seq, reason: info.reason });
  });
};
