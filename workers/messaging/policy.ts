// Pure send-policy rules (decision 016). The orchestrator applies them at send time (the authority); the send
// service and the composer apply the same ones up front so a rep sees why before pressing Send.
import { localParts } from "../lib/zoned-time";
import type { ChannelCapabilities } from "./channel-adapter";

export interface QuietHours {
  /** Local hour (0-23) quiet time starts. */
  start: number;
  /** Local hour (0-23) sending may resume. */
  end: number;
}

function isQuietHour(hour: number, q: QuietHours): boolean {
  if (q.start === q.end) return false;
  return q.start < q.end ? hour >= q.start && hour < q.end : hour >= q.start || hour < q.end;
}

const STEP_MS = 15 * 60 * 1000;

/**
 * When a message to a lead in `timeZone` may go out: `now` outside quiet hours, otherwise the first quarter
 * hour after they end (stepping real time, so DST changes and half-hour zones need no special case). A lead
 * whose zone is unknown has no quiet hours: we cannot know their night.
 */
export function nextAllowedSend(timeZone: string | null, now: Date, q: QuietHours): Date {
  if (!timeZone || !isValidZone(timeZone)) return now;
  if (!isQuietHour(localParts(now.getTime(), timeZone).hour, q)) return now;
  let t = Math.ceil(now.getTime() / STEP_MS) * STEP_MS;
  for (let i = 0; i < 24 * 4 + 8; i++, t += STEP_MS) {
    if (!isQuietHour(localParts(t, timeZone).hour, q)) return new Date(t);
  }
  return now;
}

function isValidZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** A lead that exists only in the built-in sample data is fictional: real channels must not try it. */
export function isSampleOnly(lead: { source: string | null; sources: string[] }): boolean {
  const sources = lead.sources.length > 0 ? lead.sources : lead.source ? [lead.source] : [];
  return sources.length > 0 && sources.every((s) => s === "sample");
}

/**
 * Channels with a reply window (Meta's 24 h) may only write within it after the lead's last message; a person's
 * own message (`human`: manual or reply, never a campaign) also within the channel's human-agent window (7 days).
 */
export function windowOpen(caps: ChannelCapabilities, lastInboundAt: Date | null, now: Date, human = false): boolean {
  if (caps.replyWindowHours === null) return true;
  if (!lastInboundAt) return false;
  const hours = human && caps.humanAgentWindowHours ? caps.humanAgentWindowHours : caps.replyWindowHours;
  return now.getTime() - lastInboundAt.getTime() <= hours * 3600_000;
}

/** The composer's and the orchestrator's words for a closed window. */
export function windowClosedReason(label: string, caps: ChannelCapabilities, human: boolean): string {
  const base = `${label} only allows replies within ${caps.replyWindowHours} hours of the lead's last message`;
  if (!caps.humanAgentWindowHours) return `${base}.`;
  const days = Math.round(caps.humanAgentWindowHours / 24);
  return human
    ? `${base} (a person's own answer: within ${days} days).`
    : `${base}; only a person's own answer may go out up to ${days} days after it, not an automated one.`;
}

/** Origins written by a person, which windowed channels may send past the reply window (HUMAN_AGENT). */
export function isHumanOrigin(origin: string): boolean {
  return origin === "manual" || origin === "reply";
}

/** Why a channel cannot take a message for this lead right now; the composer shows `reason`. */
export type Block =
  | { code: "suppressed"; reason: string }
  | { code: "sample_lead"; reason: string }
  | { code: "no_account"; reason: string }
  | { code: "no_handle"; reason: string }
  | { code: "window_closed"; reason: string }
  | { code: "no_adapter"; reason: string };

export type BlockCode = Block["code"];
