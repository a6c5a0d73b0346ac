import { describe, expect, test } from "bun:test";
import { createLogger, redact } from "./logger";

describe("logs", () => {
  test.each([
    ["+49 151 1234 5678", "[number]"],
    ["4915112345678@s.whatsapp.net", "[jid]"],
    ["12345678901:3@s.whatsapp.net", "[jid]"],
    ["(202) 555-0143 ext", "[number] ext"],
    ["session 3 of 10", "session 3 of 10"],
    ["session 56d0807c-1234-4567-bde7-90b1ac01b231", "session 56d0807c-1234-4567-bde7-90b1ac01b231"],
  ])("%s is written as %s", (input, output) => {
    expect(redact(input)).toBe(output);
  });

  test("a line is JSON with its time untouched and numbers in fields masked", () => {
    const lines: string[] = [];
    createLogger("info", {}, (l) => lines.push(l)).info("inbound", { from: "4917600000001" });
    const line = JSON.parse(lines[0]!);
    expect(line.t).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(line.from).toBe("[number]");
  });

  test("below the level nothing is written", () => {
    const lines: string[] = [];
    createLogger("warn", {}, (l) => lines.push(l)).info("quiet");
    expect(lines).toEqual([]);
  });
});
