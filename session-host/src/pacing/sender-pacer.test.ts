import { describe, expect, test } from "bun:test";
import { DEFAULT_PACING_SETTINGS, type PacingSettings, PacingSettingsSchema } from "./pacing-settings.ts";
import { pauseFor } from "./pause-signals.ts";
import { type Rng, seededRng } from "./seeded-rng.ts";
import { planSend, recordSent, type SendPlan, type SendRequest, typingMsFor } from "./sender-pacer.ts";
import { createSenderState, parseSenderState, type SenderState } from "./sender-state.ts";

const T0 = Date.parse("2026-03-05T10:00:00Z"); // a Thursday, 10:00 UTC
const MIN = 60_000;
const settingsWith = (input: Partial<PacingSettings>) => PacingSettingsSchema.parse(input);

/** Sends `count` messages as fast as the pacer allows (waiting whenever told to); returns the send times. */
function sendBurst(
  settings: PacingSettings,
  state: SenderState,
  rng: Rng,
  count: number,
  req: Omit<SendRequest, "now"> & { now?: number },
): { times: number[]; state: SenderState; lastWait: SendPlan | null } {
  let now = req.now ?? T0;
  const times: number[] = [];
  let lastWait: SendPlan | null = null;
  while (times.length < count) {
    const plan = planSend(state, settings, { ...req, now });
    if (plan.kind === "paused") throw new Error("unexpected pause");
    if (plan.kind === "wait") {
      lastWait = plan;
      now = plan.until;
      continue;
    }
    times.push(plan.at);
    state = recordSent(state, settings, { at: plan.at, newContact: req.newContact }, rng);
    now = plan.at;
  }
  return { times, state, lastWait };
}

const warmed = (settings: PacingSettings, seed = 1) =>
  createSenderState(settings, { now: T0, newNumber: false }, seededRng(seed));

describe("seen → typing → send", () => {
  test("a first message goes after typing only, and typing grows with the text within its bounds", () => {
    const s = DEFAULT_PACING_SETTINGS;
    const plan = planSend(warmed(s), s, { now: T0, newContact: false, textLength: 100 });
    expect(plan).toMatchObject({ kind: "send_at", seenFirst: true });
    if (plan.kind !== "send_at") return;
    expect(plan.at).toBe(T0 + plan.typingMs);
    expect(plan.typingMs).toBeGreaterThanOrEqual(6000 * 0.8);
    expect(plan.typingMs).toBeLessThanOrEqual(6000 * 1.2);
  });

  test.each([
    [0, 0.5, 1_500],
    [10, 0.5, 1_500],
    [100, 0.5, 6_000],
    [100, 0, 4_800],
    [100, 0.999999, 7_200],
    [5_000, 0.5, 12_000],
  ])("%i chars (jitter %d) type for %i ms", (chars, jitter, ms) => {
    expect(typingMsFor(DEFAULT_PACING_SETTINGS, chars, jitter)).toBe(ms);
  });
});

describe("limits", () => {
  test("gaps between sends are random and stay within 30–60 s", () => {
    const s = DEFAULT_PACING_SETTINGS;
    const { times } = sendBurst(s, warmed(s, 7), seededRng(7), 60, { newContact: false, textLength: 20 });
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(30_000);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(60_000);
    expect(new Set(gaps).size).toBeGreaterThan(50);
  });

  test("with no gap at all the bucket still allows at most 5 sends in any minute", () => {
    const s = settingsWith({ gapMinMs: 0, gapMaxMs: 0, typingMinMs: 0, typingMaxMs: 0 });
    const { times, lastWait } = sendBurst(s, warmed(s), seededRng(1), 20, { newContact: false, textLength: 0 });
    for (let i = 5; i < times.length; i++) expect(times[i]! - times[i - 5]!).toBeGreaterThanOrEqual(MIN);
    expect(lastWait).toMatchObject({ kind: "wait", why: "per_minute" });
  });

  test("the daily cap holds until midnight in the sender's zone", () => {
    const s = settingsWith({
      dailyCap: 3,
      warmupFirstDayCap: 3,
      timeZone: "Asia/Tokyo",
      quietStartHour: 0,
      quietEndHour: 0,
    });
    const { times, lastWait } = sendBurst(s, warmed(s), seededRng(1), 4, { newContact: false, textLength: 10 });
    // typing (1.5 s for a short text) starts just before midnight so that the send lands on it
    expect(lastWait).toMatchObject({
      kind: "wait",
      why: "daily_cap",
      until: Date.parse("2026-03-05T15:00:00Z") - 1_500,
    });
    expect(times[3]).toBeGreaterThanOrEqual(Date.parse("2026-03-05T15:00:00Z")); // 00:00 in Tokyo
  });

  test("a new number sends 20 on day 1, then a little more each day", () => {
    const s = settingsWith({ quietStartHour: 0, quietEndHour: 0 });
    const fresh = createSenderState(s, { now: T0, newNumber: true }, seededRng(3));
    const burst = sendBurst(s, fresh, seededRng(3), 45, { newContact: false, reply: true, textLength: 10 });
    const perDay: Record<string, number> = {};
    for (const t of burst.times) {
      const day = new Date(t).toISOString().slice(0, 10); // the sender's zone is UTC
      perDay[day] = (perDay[day] ?? 0) + 1;
    }
    expect(perDay).toEqual({ "2026-03-05": 20, "2026-03-06": 24, "2026-03-07": 1 });
    expect(burst.lastWait).toMatchObject({ why: "warmup_cap" });
  });

  test("a fifth of the day is kept for replies: other messages stop at 160, replies go on to 200", () => {
    const s = settingsWith({ gapMinMs: 0, gapMaxMs: 0, perMinute: 60, quietStartHour: 0, quietEndHour: 0 });
    const others = sendBurst(s, warmed(s), seededRng(4), 160, { newContact: false, textLength: 0 });
    expect(planSend(others.state, s, { now: others.times.at(-1)!, newContact: false, textLength: 0 })).toMatchObject({
      kind: "wait",
      why: "daily_cap",
    });
    const replies = sendBurst(s, others.state, seededRng(4), 41, { newContact: false, reply: true, textLength: 0 });
    expect(replies.times.filter((t) => t < Date.parse("2026-03-06T00:00:00Z"))).toHaveLength(40);
  });

  test("first messages to new contacts are 5 min apart while replies keep the normal gap", () => {
    const s = DEFAULT_PACING_SETTINGS;
    let state = recordSent(warmed(s), s, { at: T0, newContact: true }, seededRng(1));
    const later = T0 + 2 * MIN;
    expect(planSend(state, s, { now: later, newContact: true, textLength: 10 })).toMatchObject({
      kind: "wait",
      why: "new_contact_gap",
      until: T0 + 5 * MIN - 1_500,
    });
    expect(planSend(state, s, { now: later, newContact: false, textLength: 10 }).kind).toBe("send_at");
    state = recordSent(state, s, { at: later, newContact: false }, seededRng(2));
    expect(planSend(state, s, { now: T0 + 5 * MIN - 1_500, newContact: true, textLength: 10 }).kind).toBe("send_at");
  });

  test("no more than the day's new contacts, then they wait for tomorrow", () => {
    const s = settingsWith({ newContactsPerDay: 3, newContactGapMs: 0, quietStartHour: 0, quietEndHour: 0 });
    const { times, lastWait } = sendBurst(s, warmed(s), seededRng(1), 4, { newContact: true, textLength: 10 });
    expect(lastWait).toMatchObject({ why: "new_contact_cap" });
    expect(times[3]).toBeGreaterThanOrEqual(Date.parse("2026-03-06T00:00:00Z"));
  });
});

describe("quiet hours in the recipient's zone", () => {
  const s = DEFAULT_PACING_SETTINGS;
  const at2200utc = Date.parse("2026-03-05T22:00:00Z");
  test.each([
    ["Asia/Tokyo", "wait", Date.parse("2026-03-05T23:00:00Z")], // 07:00 JST → 08:00 JST
    ["America/New_York", "send_at", null], // 17:00 EST
    ["Europe/London", "wait", Date.parse("2026-03-06T08:00:00Z")],
    ["Not/AZone", "wait", Date.parse("2026-03-06T08:00:00Z")], // falls back to the sender's zone (UTC)
  ])("at 22:00 UTC to %s → %s", (zone, kind, sendAt) => {
    const plan = planSend(warmed(s), s, { now: at2200utc, newContact: false, textLength: 0, recipientTimeZone: zone });
    expect(plan.kind).toBe(kind as SendPlan["kind"]);
    if (plan.kind === "wait") expect([plan.why, plan.until + 1_500]).toEqual(["quiet_hours", sendAt!]);
  });

  test("typing that would run into quiet hours waits for the morning", () => {
    const plan = planSend(warmed(s), s, { now: Date.parse("2026-03-05T20:59:59Z"), newContact: false, textLength: 0 });
    expect(plan).toMatchObject({ kind: "wait", why: "quiet_hours" });
  });
});

describe("the state", () => {
  test("planning again at `until` gives the send, at the time the wait promised", () => {
    const s = DEFAULT_PACING_SETTINGS;
    const state = recordSent(warmed(s), s, { at: T0, newContact: false }, seededRng(9));
    const wait = planSend(state, s, { now: T0 + 1_000, newContact: false, textLength: 50 });
    if (wait.kind !== "wait") throw new Error("expected a wait");
    const plan = planSend(state, s, { now: wait.until, newContact: false, textLength: 50 });
    expect(plan).toMatchObject({ kind: "send_at", at: T0 + state.nextGapMs });
  });

  test("the same seed gives the same schedule; another seed another one", () => {
    const s = DEFAULT_PACING_SETTINGS;
    const run = (seed: number) =>
      sendBurst(s, warmed(s, seed), seededRng(seed), 30, { newContact: false, textLength: 40 }).times;
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });

  test("round-trips through JSON (as stored in Postgres) and plans the same afterwards", () => {
    const s = DEFAULT_PACING_SETTINGS;
    let state = sendBurst(s, warmed(s), seededRng(5), 12, { newContact: true, textLength: 30 }).state;
    state = pauseFor(state, s, { reason: "rate_limited", at: T0 + 3 * 3_600_000, detail: "429 rate-overlimit" });
    const restored = parseSenderState(JSON.parse(JSON.stringify(state)));
    expect(restored).toEqual(state);
    const req = { now: T0 + 5 * 3_600_000, newContact: true, textLength: 30 };
    expect(planSend(restored, s, req)).toEqual(planSend(state, s, req));
    expect(() => parseSenderState({ ...state, sentToday: -1 })).toThrow();
    expect(() => parseSenderState({ ...state, version: 2 })).toThrow();
  });
});
