// CSV files built to hurt: an unterminated quote followed by megabytes, and NUL bytes inside cells.
// Both end the import cleanly with a row error (or the NUL dropped) — never a stuck or crashed import.
import { describe, expect, it } from "vitest";
import { call } from "../support/api-client";
import { createUser } from "../support/auth";
import { importFinished } from "../support/factories";
import type { TestUser } from "../support/auth";

function upload(user: TestUser, body: string) {
  return call("/api/imports", { method: "POST", headers: { ...user.headers, "content-type": "text/csv" }, body });
}

describe("hostile CSV files", () => {
  it("stops at a multi-megabyte unterminated quoted field with a row error, keeping the rows before it", async () => {
    const user = await createUser("runaway");
    const good = "Ada Lovelace,ada@example.test,ok\nGrace Hopper,grace@example.test,ok\n";
    // 4 MB after the opening quote: the quote never closes, so every later line is inside one field.
    const body = `Full name,Email,Notes\n${good}Alan Turing,alan@example.test,"starts here\n${"more text, still quoted\n".repeat(175_000)}`;
    const res = await upload(user, body);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const done = await importFinished(user, res.body.import.id);
    expect(done.status).toBe("failed");
    expect(done.imported).toBe(2);
    expect(done.errors).toEqual([{ row: 3, message: expect.stringMatching(/^row 3: unterminated quoted field/) }]);
    expect(done.error).toMatch(/unterminated quoted field/);
  }, 60_000);

  it("drops NUL bytes inside cells instead of failing the batch", async () => {
    const user = await createUser("nulcsv");
    // Past the first 4 KB (which decide whether the file is text at all), a cell carries NULs.
    const filler = Array.from({ length: 300 }, (_, i) => `Person ${i},p${i}@example.test,note`).join("\n");
    const body = `Full name,Email,Notes\n${filler}\nNul Person,nul@example.test,be\u0000fore\u0000after\n`;
    const res = await upload(user, body);
    expect(res.status).toBe(202);
    const done = await importFinished(user, res.body.import.id);
    expect(done).toMatchObject({ status: "completed", imported: 301, failed: 0 });
    const found = await call("/api/leads?q=Nul%20Person", { headers: user.headers });
    expect(found.body.leads[0].notes).toBe("beforeafter");
  }, 30_000);
});
