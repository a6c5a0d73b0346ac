// What kind of file this is, from its first chunk: encoding (UTF-8, else Windows-1252/Latin-1), whether it
// is text at all, the delimiter, and the header row.
import Papa from "papaparse";

export type Encoding = "utf-8" | "windows-1252";

export interface Sniffed {
  encoding: Encoding;
  delimiter: string;
  headers: string[];
}

export type SniffProblem = { problem: "empty" | "binary" | "no_header"; message: string };

export function decodeChunk(bytes: Uint8Array, encoding: Encoding): string {
  return new TextDecoder(encoding).decode(bytes).replace(/^\uFEFF/, "");
}

function detectEncoding(bytes: Uint8Array): Encoding {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return "utf-8";
  } catch {
    return "windows-1252";
  }
}

/** NUL bytes or many control characters: an image, a spreadsheet, a zip — not CSV. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control > sample.length * 0.05;
}

export function sniff(first: Uint8Array): Sniffed | SniffProblem {
  if (first.length === 0 || new TextDecoder().decode(first.subarray(0, 4096)).trim() === "") return { problem: "empty", message: "The file is empty." };
  if (looksBinary(first)) return { problem: "binary", message: "This is not a CSV file (it contains binary data). Export the sheet as CSV and try again." };
  const encoding = detectEncoding(first);
  const text = decodeChunk(first, encoding);
  const parsed = Papa.parse<string[]>(text, { preview: 5, skipEmptyLines: "greedy", delimitersToGuess: [",", ";", "\t", "|"] });
  const headers = (parsed.data[0] ?? []).map((h) => h.trim());
  if (headers.length === 0 || headers.every((h) => !h)) return { problem: "no_header", message: "The file has no header row." };
  return { encoding, delimiter: parsed.meta.delimiter || ",", headers };
}

/**
 * Splits text at the last line end outside quotes: the head is whole records, the tail the start of a
 * record that continues in the next chunk (a quoted field may hold line breaks).
 */
export function splitAtRecordEnd(text: string): [string, string] {
  let inQuotes = false;
  let lastEnd = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) inQuotes = !inQuotes;
    else if (ch === 10 && !inQuotes) lastEnd = i;
  }
  return lastEnd === -1 ? ["", text] : [text.slice(0, lastEnd + 1), text.slice(lastEnd + 1)];
}
