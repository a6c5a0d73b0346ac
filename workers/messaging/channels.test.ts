import { describe, expect, it } from "vitest";
import { canAdvance, statusesBefore } from "./channels";

describe("message status only moves forward", () => {
  it.each([
    ["queued", "sent", true],
    ["queued", "delivered", true],
    ["sent", "read", true],
    ["delivered", "read", true],
    ["queued", "failed", true],
    ["sent", "failed", true],
    ["read", "delivered", false],
    ["delivered", "sent", false],
    ["delivered", "failed", false],
    ["read", "failed", false],
    ["failed", "sent", false],
    ["sent", "sent", false],
    ["received", "read", false],
  ] as const)("%s → %s: %s", (from, to, allowed) => {
    expect(canAdvance(from, to)).toBe(allowed);
  });

  it("lists the statuses an update may start from", () => {
    expect(statusesBefore("read").sort()).toEqual(["delivered", "queued", "sent"]);
    expect(statusesBefore("failed").sort()).toEqual(["queued", "sent"]);
  });
});
