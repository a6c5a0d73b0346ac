import { describe, expect, it } from "vitest";
import { chunkCut, decodeAnyChunk, sniff, splitAtRecordEnd } from "./csv-sniff";

const bytes = (text: string) => new TextEncoder().encode(text);
const latin1 = (text: string) => Uint8Array.from(text, (ch) => ch.charCodeAt(0));

describe("splitAtRecordEnd", () => {
  it.each([
    ["whole records", "a,b\n1,2\n", ["a,b\n1,2\n", ""]],
    ["a record cut mid-way", "a,b\n1,2\n3,", ["a,b\n1,2\n", "3,"]],
    ["no line end yet", "a,b", ["", "a,b"]],
    ["a line break inside quotes is not a record end", 'a,"x\ny', ["", 'a,"x\ny']],
    ["closed quotes with a line break, then a cut record", 'a,"x\ny"\n1,', ['a,"x\ny"\n', "1,"]],
    ["escaped quotes stay balanced", 'a,"say ""hi"""\nb', ['a,"say ""hi"""\n', "b"]],
    ["CRLF endings", "a\r\nb\r\nc", ["a\r\nb\r\n", "c"]],
    ["empty", "", ["", ""]],
  ])("%s", (_label, text, expected) => {
    expect(splitAtRecordEnd(text)).toEqual(expected);
  });
});

describe("chunkCut", () => {
  it.each([
    ["cuts after the last line feed within the limit", "ab\ncd\nef", 7, 6],
    ["a line feed exactly at the limit", "abc\ndef", 4, 4],
    ["shorter than the limit: after its last line feed", "ab\ncd", 10, 3],
    ["no line feed: at the limit", "abcdefgh", 4, 4],
    ["no line feed: never inside a 2-byte character", "abcé", 4, 3],
    ["no line feed: never inside a 4-byte character", "a😀b", 3, 1],
  ])("%s", (_label, text, max, cut) => {
    expect(chunkCut(bytes(text), max)).toBe(cut);
  });
});

describe("decodeAnyChunk", () => {
  it.each([
    ["UTF-8", bytes("name\nJosé\n"), "name\nJosé\n", false],
    ["UTF-8 with a BOM", bytes("\uFEFFname\n"), "name\n", false],
    ["Windows-1252", latin1("name\nJos\xe9\n"), "name\nJosé\n", true],
    ["Windows-1252 specials (€, curly quotes)", latin1("\x80 \x93q\x94\n"), "€ “q”\n", true],
    [
      "mixed lines: each read in its own encoding",
      new Uint8Array([...bytes("Zoë\n"), ...latin1("M\xfcller\n")]),
      "Zoë\nMüller\n",
      true,
    ],
  ])("%s", (_label, input, text, fallback) => {
    expect(decodeAnyChunk(input)).toEqual({ text, fallback });
  });
});

describe("sniff", () => {
  it.each([
    [
      "comma, UTF-8",
      bytes("Name,Email\nA,a@x.io\n"),
      { encoding: "utf-8", delimiter: ",", headers: ["Name", "Email"] },
    ],
    [
      "semicolon, Latin-1",
      latin1("Name;Stra\xdfe\nA;B\n"),
      { encoding: "windows-1252", delimiter: ";", headers: ["Name", "Straße"] },
    ],
    ["tab", bytes("Name\tEmail\nA\ta@x.io\n"), { delimiter: "\t", headers: ["Name", "Email"] }],
    ["empty", bytes("  \n"), { problem: "empty" }],
    ["binary", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]), { problem: "binary" }],
  ])("%s", (_label, input, expected) => {
    expect(sniff(input)).toMatchObject(expected);
  });
});
