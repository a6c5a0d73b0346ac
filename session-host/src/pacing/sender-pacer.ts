// The pacing decision for one message of one number: pure (state, settings, request) → plan. The host keeps
// one SenderState per sending account, asks `planSend` before every message and calls `recordSent` after it.
// No clock and no randomness of its own: `now` comes in, random draws happen in `recordSent` with the
// injected Rng and are stored in the state, so planning the same message twice gives the same answer.
import { type DayLimits, dayLimits, type PacingSettings } from "./pacing-settings.ts";
import { activePause, PAUSE_MESSAGES, type PauseReason } from "./pause-signals.ts";
import { isQuietAt, type QuietHours, quietHoursEnd } from "./quiet-hours.ts";
import type { Rng } from "./seeded-rng.ts";
import { drawGapMs, type SenderState } from "./sender-state.ts";
import { daysBetween, localTime, MINUTE_MS, resolveTimeZone, startOfNextLocalDay } from "./zoned-time.ts";

export type SendRequest = {
  now: number;
  /** First message to someone who never talked with this number. */
  newContact: boolean;
  /** An answer to something the contact sent: may use the part of the day's cap kept for replies. */
  reply?: boolean;
  textLength: number;
  /** IANA zone of the recipient (from the Worker); unknown or missing → the sender's zone. */
  recipientTimeZone?: string;
};

export type WaitReason =
  | "gap"
  | "per_minute"
  | "new_contact_gap"
  | "daily_cap"
  | "warmup_cap"
  | "new_contact_cap"
  | "quiet_hours";

/** Most telling first: a spent day explains a wait better than the gap met on the way to it. */
const WAIT_REASONS_BY_WEIGHT: WaitReason[] = [
  "warmup_cap",
  "daily_cap",
  "new_contact_cap",
  "quiet_hours",
  "new_contact_gap",
  "per_minute",
  "gap",
];

export type SendPlan =
  /** Mark the chat seen and start typing now; send at `at` (= now + typingMs). */
  | { kind: "send_at"; at: number; typingMs: number; seenFirst: true }
  /** Nothing may start before `until`; plan again then (or when another message could go first).
   * `why` is the most telling limit that held the message, `reasons` every limit it met on the way. */
  | { kind: "wait"; until: number; why: WaitReason; reasons: WaitReason[] }
  /** `until` null: a person has to resume the number. */
  | { kind: "paused"; reason: PauseReason; message: string; until: number | null };

export function planSend(state: SenderState, settings: PacingSettings, req: SendRequest): SendPlan {
  const pause = activePause(state, req.now, req.newContact);
  if (pause) return { kind: "paused", reason: pause.reason, message: PAUSE_MESSAGES[pause.reason], until: pause.until };

  const typingMs = typingMsFor(settings, req.textLength, state.typingJitter);
  const zone = resolveTimeZone(req.recipientTimeZone, settings.timeZone);
  const first = req.now + typingMs;
  const reasons: WaitReason[] = [];
  let at = first;
  // Each limit only ever moves the send later, so repeating until none objects finds the earliest legal time.
  for (let round = 0; round < 64; round++) {
    const block = firstBlock(state, settings, req, zone, at);
    if (!block) {
      if (at === first) return { kind: "send_at", at, typingMs, seenFirst: true };
      return waitFor(at - typingMs, reasons);
    }
    at = block.until;
    if (!reasons.includes(block.why)) reasons.push(block.why);
  }
  // Not settled (only with extreme settings): wait as far as we got and plan again from there.
  return waitFor(at - typingMs, reasons);
}

function waitFor(until: number, reasons: WaitReason[]): SendPlan {
  const why = WAIT_REASONS_BY_WEIGHT.find((r) => reasons.includes(r))!;
  return { kind: "wait", until, why, reasons };
}

/** The state after a message went out at `at` (call in send order). Draws the next gap and typing jitter. */
export function recordSent(
  state: SenderState,
  settings: PacingSettings,
  sent: { at: number; newContact: boolean },
  rng: Rng,
): SenderState {
  const day = localTime(sent.at, settings.timeZone).date;
  const sameDay = state.day === day;
  return {
    ...state,
    day,
    sentToday: (sameDay ? state.sentToday : 0) + 1,
    newContactsToday: (sameDay ? state.newContactsToday : 0) + (sent.newContact ? 1 : 0),
    recentSends: [...state.recentSends, sent.at].slice(-settings.perMinute),
    lastSentAt: sent.at,
    lastNewContactAt: sent.newContact ? sent.at : state.lastNewContactAt,
    nextGapMs: drawGapMs(settings, rng),
    typingJitter: rng(),
  };
}

/** Typing time proportional to the text, clamped, spread by ± `typingJitter` (jitter01 in [0, 1)). */
export function typingMsFor(settings: PacingSettings, textLength: number, jitter01: number): number {
  const { typingMinMs: min, typingMaxMs: max } = settings;
  const base = Math.max(0, textLength) * settings.typingMsPerChar;
  const spread = 1 + settings.typingJitter * (2 * jitter01 - 1);
  return Math.round(Math.min(max, Math.max(min, base * spread)));
}

/** The limits of the sender-local day containing `at` (warm-up counts days since the number started). */
export function limitsOn(state: SenderState, settings: PacingSettings, at: number): DayLimits & { date: string } {
  const date = localTime(at, settings.timeZone).date;
  const dayOfNumber =
    state.warmupStartedAt === null
      ? null
      : daysBetween(localTime(state.warmupStartedAt, settings.timeZone).date, date) + 1;
  return { ...dayLimits(settings, dayOfNumber), date };
}

function firstBlock(
  state: SenderState,
  settings: PacingSettings,
  { newContact, reply = false }: SendRequest,
  zone: string,
  at: number,
): { why: WaitReason; until: number } | null {
  if (state.lastSentAt !== null && at < state.lastSentAt + state.nextGapMs) {
    return { why: "gap", until: state.lastSentAt + state.nextGapMs };
  }
  const oldestToken = state.recentSends.at(-settings.perMinute);
  if (state.recentSends.length >= settings.perMinute && oldestToken !== undefined && at < oldestToken + MINUTE_MS) {
    return { why: "per_minute", until: oldestToken + MINUTE_MS };
  }
  if (newContact && state.lastNewContactAt !== null && at < state.lastNewContactAt + settings.newContactGapMs) {
    return { why: "new_contact_gap", until: state.lastNewContactAt + settings.newContactGapMs };
  }
  const limits = limitsOn(state, settings, at);
  const sameDay = state.day === limits.date;
  if ((sameDay ? state.sentToday : 0) >= (reply ? limits.messages : limits.nonReplies)) {
    return { why: limits.warmingUp ? "warmup_cap" : "daily_cap", until: startOfNextLocalDay(at, settings.timeZone) };
  }
  if (newContact && (sameDay ? state.newContactsToday : 0) >= limits.newContacts) {
    return { why: "new_contact_cap", until: startOfNextLocalDay(at, settings.timeZone) };
  }
  const quiet: QuietHours = { startHour: settings.quietStartHour, endHour: settings.quietEndHour };
  if (isQuietAt(at, zone, quiet)) return { why: "quiet_hours", until: quietHoursEnd(at, zone, quiet) };
  return null;
}
