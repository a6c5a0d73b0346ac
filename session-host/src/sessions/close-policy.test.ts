import { describe, expect, test } from "bun:test";
import { backoffMs, closeAction } from "./close-policy";

describe("what a closed socket leads to", () => {
  test.each([
    [515, "reconnect", 0],
    [401, "logged_out", undefined],
    [440, "stop", undefined],
    [403, "stop", undefined],
    [411, "stop", undefined],
  ] as const)("close code %d → %s", (code, kind, delayMs) => {
    const action = closeAction(code, 3, () => 0.5);
    expect(action.kind).toBe(kind);
    if (delayMs !== undefined && action.kind === "reconnect") expect(action.delayMs).toBe(delayMs);
  });

  test.each([408, 428, 500, 503, undefined])("close code %p reconnects with a growing, jittered delay", (code) => {
    const first = closeAction(code, 0, () => 1);
    const later = closeAction(code, 5, () => 1);
    expect(first.kind).toBe("reconnect");
    expect(first.kind === "reconnect" && later.kind === "reconnect" && later.delayMs > first.delayMs).toBe(true);
  });

  test("backoff never exceeds five minutes and keeps jitter", () => {
    expect(backoffMs(50, () => 1)).toBe(300_000);
    expect(backoffMs(50, () => 0)).toBe(150_000);
    expect(backoffMs(0, () => 0.5)).toBeGreaterThanOrEqual(500);
  });
});
