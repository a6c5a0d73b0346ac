// Preview: what an import would do with the first rows — nothing is stored.
import Papa from "papaparse";
import { AppError } from "../lib/app-error";
import { decodeAnyChunk, sniff } from "./csv-sniff";
import { hasName, impliedTitle, proposeMapping } from "./import-mapping";
import type { Mapping } from "./import-mapping";
import { normalizeRow } from "./import-row";

const PREVIEW_BYTES = 256 * 1024;
const PREVIEW_ROWS = 20;

async function head(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  while (size < PREVIEW_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    size += value.length;
  }
  await reader.cancel().catch(() => {});
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  // Cut at the last line feed so a multi-byte character is never split.
  const cut = size >= PREVIEW_BYTES ? bytes.lastIndexOf(10) + 1 || size : size;
  return bytes.subarray(0, cut);
}

export async function previewImport(body: ReadableStream<Uint8Array> | null, mapping?: Mapping) {
  const bytes = body ? await head(body) : new Uint8Array(0);
  const sniffed = sniff(bytes);
  if ("problem" in sniffed) {
    if (sniffed.problem === "binary")
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", sniffed.message, { problem: "binary" });
    throw new AppError("VALIDATION_FAILED", sniffed.message, { location: "body", problem: sniffed.problem });
  }
  const proposed = proposeMapping(sniffed.headers);
  const effective = mapping ? Object.fromEntries(sniffed.headers.map((h) => [h, mapping[h] ?? "ignore"])) : proposed;
  const parsed = Papa.parse<string[]>(decodeAnyChunk(bytes).text, {
    delimiter: sniffed.delimiter,
    skipEmptyLines: "greedy",
    preview: PREVIEW_ROWS + 1,
  });
  const title = impliedTitle(effective);
  const rows = parsed.data.slice(1).map((fields, i) => {
    if (fields.length !== sniffed.headers.length)
      return { row: i + 1, error: `The row has ${fields.length} fields; the header has ${sniffed.headers.length}.` };
    const result = normalizeRow(Object.fromEntries(sniffed.headers.map((h, k) => [h, fields[k]!])), effective, title);
    return result.ok ? { row: i + 1, lead: result.lead } : { row: i + 1, column: result.column, error: result.message };
  });
  return {
    encoding: sniffed.encoding,
    delimiter: sniffed.delimiter,
    headers: sniffed.headers,
    mapping: effective,
    proposedMapping: proposed,
    hasName: hasName(effective),
    rows,
  };
}
