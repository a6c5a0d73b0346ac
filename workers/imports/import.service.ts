// CSV imports. The upload is streamed into ~512 KB chunks cut at line ends (memory stays flat whatever the
// file size); each chunk is then processed by one `import.chunk` job in one transaction, so a crash never
// leaves half a batch, and a redelivered job for a chunk already done only re-links the chain.
import type { Db } from "../db/client";
import { asService, asUser } from "../db/tenant";
import { AppError } from "../lib/app-error";
import { createJob } from "../queues/job";
import * as repo from "../repos/imports.repo";
import type { Actor } from "../services/actor";
import { recordAudit, auditedBy } from "../services/audit.service";
import { hasName, looksLikeSalesNavigator, proposeMapping } from "./import-mapping";
import type { Mapping } from "./import-mapping";
import { chunkCut, sniff } from "./csv-sniff";

export const IMPORT_CHUNK_JOB = "import.chunk";
const CHUNK_BYTES = 1024 * 1024;
const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

export interface ImportOptions {
  listName?: string;
  fileName?: string;
  mapping?: Mapping;
}

function badFile(message: string, problem: string) {
  return new AppError("VALIDATION_FAILED", message, { location: "body", problem });
}

/** Byte chunks that end on a line feed (a UTF-8 or Latin-1 character never contains byte 0x0A), see chunkCut. */
async function* lineChunks(stream: ReadableStream<Uint8Array>, maxBytes: number) {
  const reader = stream.getReader();
  let buffer = new Uint8Array(0);
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (value) {
      total += value.length;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        throw new AppError("PAYLOAD_TOO_LARGE", `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`, {
          maxBytes,
        });
      }
      const joined = new Uint8Array(buffer.length + value.length);
      joined.set(buffer);
      joined.set(value, buffer.length);
      buffer = joined;
    }
    while (buffer.length >= CHUNK_BYTES || (done && buffer.length > 0)) {
      const cut = done && buffer.length <= CHUNK_BYTES ? buffer.length : chunkCut(buffer, CHUNK_BYTES);
      yield buffer.slice(0, cut);
      buffer = buffer.slice(cut);
    }
    if (done) return total;
  }
}

export async function startImport(
  db: Db,
  env: Env,
  actor: Actor,
  body: ReadableStream<Uint8Array> | null,
  opts: ImportOptions,
) {
  if (!body) throw badFile("The file is empty.", "empty");
  const maxBytes = Number(env.IMPORT_MAX_BYTES) || DEFAULT_MAX_BYTES;
  const chunks = lineChunks(body, maxBytes);
  const first = await chunks.next();
  const sniffed = sniff(first.done ? new Uint8Array(0) : first.value);
  if ("problem" in sniffed) {
    if (sniffed.problem === "binary")
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", sniffed.message, { problem: "binary" });
    throw badFile(sniffed.message, sniffed.problem);
  }
  const mapping = opts.mapping ? checkMapping(opts.mapping, sniffed.headers) : proposeMapping(sniffed.headers);
  if (!hasName(mapping))
    throw badFile(
      "No column we recognise holds a name (e.g. Full name, or First name and Last name). Map the columns and try again.",
      "no_header",
    );
  const listName =
    opts.listName?.trim() ||
    opts.fileName?.replace(/\.[^.]+$/, "").slice(0, 120) ||
    `Import ${new Date().toISOString().slice(0, 10)}`;
  const created = await asUser(db, actor.claims, async (tx) => {
    const listId = await repo.ensureList(tx, actor.workspaceId, actor.userId, listName);
    return repo.insertImport(tx, {
      workspaceId: actor.workspaceId,
      createdBy: actor.userId,
      listId,
      listName,
      fileName: opts.fileName ?? null,
      encoding: sniffed.encoding,
      delimiter: sniffed.delimiter,
      headers: sniffed.headers,
      mapping,
      source: looksLikeSalesNavigator(sniffed.headers) ? "salesnav" : "import",
    });
  });
  let seq = 0;
  let bytes = 0;
  try {
    for (let chunk = first; !chunk.done; chunk = await chunks.next()) {
      bytes += chunk.value.length;
      const data = chunk.value;
      const at = seq++;
      await asUser(db, actor.claims, (tx) => repo.insertChunk(tx, actor.workspaceId, created.id, at, data));
    }
  } catch (err) {
    // Too large or cut off: nothing of it stays.
    await asUser(db, actor.claims, (tx) => repo.deleteImport(tx, actor.workspaceId, created.id)).catch(() => {});
    throw err;
  }
  const ready = await asUser(db, actor.claims, (tx) =>
    repo.updateImport(tx, actor.workspaceId, created.id, { chunkCount: seq, totalBytes: bytes }),
  );
  await env.ENRICHMENT_QUEUE.send(
    createJob(
      IMPORT_CHUNK_JOB,
      { importId: created.id, workspaceId: actor.workspaceId, seq: 0 },
      { workspaceId: actor.workspaceId },
    ),
  );
  await asService(db, (tx) =>
    recordAudit(tx, {
      event: "import",
      ...auditedBy(actor),
      subject: created.id,
      details: { listName, bytes },
    }),
  );
  return importJson(ready!, []);
}

function checkMapping(mapping: Mapping, headers: string[]): Mapping {
  const unknown = Object.keys(mapping).filter((h) => !headers.includes(h));
  if (unknown.length)
    throw new AppError("VALIDATION_FAILED", "The mapping names columns the file does not have.", {
      location: "query",
      fields: { mapping: unknown.map((h) => `No column "${h}" in the file.`) },
    });
  return Object.fromEntries(headers.map((h) => [h, mapping[h] ?? "ignore"]));
}

export function importJson(r: repo.ImportRecord, errors: { row: number; column: string | null; message: string }[]) {
  return {
    id: r.id,
    status: r.status,
    listName: r.listName,
    listId: r.listId,
    fileName: r.fileName,
    source: r.source,
    encoding: r.encoding,
    delimiter: r.delimiter,
    totalRows: r.totalRows,
    imported: r.imported,
    merged: r.merged,
    failed: r.failed,
    errors: errors.map((e) => ({ row: e.row, ...(e.column ? { column: e.column } : {}), message: e.message })),
    mapping: r.mapping as Mapping,
    progress: r.chunkCount ? Math.min(1, r.nextSeq / r.chunkCount) : 0,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

export async function getImport(db: Db, actor: Actor, id: string) {
  return asUser(db, actor.claims, async (tx) => {
    const found = await repo.findImport(tx, actor.workspaceId, id);
    if (!found) throw new AppError("RESOURCE_NOT_FOUND", "No such import.", { id });
    return importJson(found, await repo.listErrors(tx, actor.workspaceId, id, 1000));
  });
}

export async function importErrorsCsv(db: Db, actor: Actor, id: string) {
  return asUser(db, actor.claims, async (tx) => {
    const found = await repo.findImport(tx, actor.workspaceId, id);
    if (!found) throw new AppError("RESOURCE_NOT_FOUND", "No such import.", { id });
    return { record: found, errors: await repo.listErrors(tx, actor.workspaceId, id) };
  });
}
