import { describe, expect, test } from "bun:test";
import { DEFAULT_PACING_SETTINGS as settings } from "./pacing-settings.ts";
import { classifySignal, PAUSE_MESSAGES, pauseFor, resume, type SessionSignal } from "./pause-signals.ts";
import { seededRng } from "./seeded-rng.ts";
import { planSend } from "./sender-pacer.ts";
import { createSenderState } from "./sender-state.ts";

const T0 = Date.parse("2026-03-05T10:00:00Z");
const HOUR = 3_600_000;
const fresh = () => createSenderState(settings, { now: T0, newNumber: false }, seededRng(1));
const ask = (state: ReturnType<typeof fresh>, now: number, newContact = false) =>
  planSend(state, settings, { now, newContact, textLength: 40 });

describe("classifySignal", () => {
  test.each<[SessionSignal, string]>([
    [{ source: "send_error", statusCode: 429, message: "rate-overlimit" }, "pause:rate_limited"],
    [{ source: "send_error", message: "rate-overlimit" }, "pause:rate_limited"],
    [{ source: "ack_error", statusCode: 463 }, "pause:restricted"],
    [{ source: "send_error", message: "Your account has been restricted" }, "pause:restricted"],
    [{ source: "disconnect", statusCode: 403 }, "pause:banned"],
    [{ source: "disconnect", statusCode: 401, message: "logged out" }, "session:logged_out"],
    [{ source: "send_error", statusCode: 403, message: "forbidden" }, "none"], // one chat refused, not the number
    [{ source: "disconnect", statusCode: 408, message: "Connection Lost" }, "none"],
    [{ source: "disconnect", statusCode: 515 }, "none"],
    [{ source: "send_error", statusCode: 500, message: "internal-server-error" }, "none"],
  ])("%j → %s", (signal, expected) => {
    const verdict = classifySignal(signal);
    const label =
      verdict.action === "pause"
        ? `pause:${verdict.reason}`
        : verdict.action === "session"
          ? `session:${verdict.state}`
          : "none";
    expect(label).toBe(expected);
  });
});

test("a rate limit pauses for the cool-down with the reason for the rep, then sending resumes by itself", () => {
  const paused = pauseFor(fresh(), settings, { reason: "rate_limited", at: T0 });
  expect(ask(paused, T0 + 10 * 60_000)).toEqual({
    kind: "paused",
    reason: "rate_limited",
    message: PAUSE_MESSAGES.rate_limited,
    until: T0 + HOUR,
  });
  expect(ask(paused, T0 + HOUR).kind).toBe("send_at");
});

test("rate limits within 24 h double the cool-down, up to the maximum", () => {
  let state = fresh();
  const untils: (number | null)[] = [];
  for (let i = 0; i < 7; i++) {
    const at = T0 + i * 2 * HOUR;
    state = pauseFor(state, settings, { reason: "rate_limited", at });
    untils.push(state.pauses[0]!.until! - at);
  }
  expect(untils).toEqual([1, 2, 4, 8, 16, 24, 24].map((h) => h * HOUR));
  // At T0 + 30 h only the strikes at +8, +10 and +12 h are within 24 h: 2³ h.
  const later = pauseFor(state, settings, { reason: "rate_limited", at: T0 + 30 * HOUR });
  expect(later.pauses[0]!.until! - (T0 + 30 * HOUR)).toBe(8 * HOUR);
});

test("a restriction holds new contacts only until a person resumes; replies still go", () => {
  const restricted = pauseFor(fresh(), settings, { reason: "restricted", at: T0 });
  const later = T0 + 30 * 24 * HOUR;
  expect(ask(restricted, later, true)).toMatchObject({ kind: "paused", reason: "restricted", until: null });
  expect(ask(restricted, later, false).kind).toBe("send_at");
  expect(ask(resume(restricted), later, true).kind).toBe("send_at");
});

test("a ban outranks a rate limit, and resuming one reason keeps the other", () => {
  let state = pauseFor(fresh(), settings, { reason: "rate_limited", at: T0 });
  state = pauseFor(state, settings, { reason: "banned", at: T0 + 1 });
  expect(ask(state, T0 + 2)).toMatchObject({ kind: "paused", reason: "banned", until: null });
  const afterBanLifted = resume(state, "banned");
  expect(ask(afterBanLifted, T0 + 2)).toMatchObject({ kind: "paused", reason: "rate_limited", until: T0 + HOUR });
  expect(ask(resume(state), T0 + 2).kind).toBe("send_at");
});
