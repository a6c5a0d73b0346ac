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

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const windows1252 = new TextDecoder("windows-1252");

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

function detectEncoding(bytes: Uint8Array): Encoding {
  return tryUtf8(bytes) === null ? "windows-1252" : "utf-8";
}

/**
 * Decodes one stored chunk, deciding the encoding per chunk and, inside a chunk that is not valid UTF-8,
 * per line: each line is UTF-8 when it is valid UTF-8, else Windows-1252. So a Latin-1 byte anywhere in the
 * file (not only in the first chunk the sniffer saw) is read as the character it is, and one such byte does
 * not turn the accents of the other lines into mojibake. Chunks and lines end at a line feed, which is never
 * part of a multi-byte UTF-8 character, so no character is split. Returns whether any line was Windows-1252.
 */
export function decodeAnyChunk(bytes: Uint8Array): { text: string; fallback: boolean } {
  const whole = tryUtf8(bytes);
  if (whole !== null) return { text: whole.replace(/^\uFEFF/, ""), fallback: false };
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; ) {
    const lf = bytes.indexOf(10, start);
    const end = lf === -1 ? bytes.length : lf + 1;
    const line = bytes.subarray(start, end);
    parts.push(tryUtf8(line) ?? windows1252.decode(line));
    start = end;
  }
  return { text: parts.join("").replace(/^\uFEFF/, ""), fallback: true };
}

/**
 * Where to cut `bytes` into a chunk of at most `max` bytes: after the last line feed, or (a line longer than
 * `max`) at `max` moved back so that it does not fall inside a UTF-8 multi-byte character.
 */
export function chunkCut(bytes: Uint8Array, max: number): number {
  const limit = Math.min(bytes.length, max);
  const afterLf = limit > 0 ? bytes.lastIndexOf(10, limit - 1) + 1 : 0;
  if (afterLf > 0) return afterLf;
  let cut = limit;
  // 10xxxxxx bytes continue a character; a character is at most 4 bytes long.
  while (cut < bytes.length && cut > limit - 3 && (bytes[cut]! & 0xc0) === 0x80) cut--;
  return cut;
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
  if (first.length === 0 || new TextDecoder().decode(first.subarray(0, 4096)).trim() === "")
    return { problem: "empty", message: "The file is empty." };
  if (looksBinary(first))
    return {
      problem: "binary",
      message: "This is not a CSV file (it contains binary data). Export the sheet as CSV and try again.",
    };
  const encoding = detectEncoding(first);
  const text = decodeChunk(first, encoding);
  const parsed = Papa.parse<string[]>(text, {
    preview: 5,
    skipEmptyLines: "greedy",
    delimitersToGuess: [",", ";", "\t", "|"],
  });
  const headers = (parsed.data[0] ?? []).map((h) => h.trim());
  if (headers.length === 0 || headers.every((h) => !h))
    return { problem: "no_header", message: "The file has no header row." };
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
