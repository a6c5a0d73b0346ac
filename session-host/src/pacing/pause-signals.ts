// What WhatsApp tells a number before it loses it, and how the pacer reacts. A rate limit cools down on its
// own; a restriction or a ban waits for a person, because sending more is what turns one into the other.
// A log-out (401) is not pacing: the session is gone and the session registry re-pairs it.
import { z } from "zod";
import type { PacingSettings } from "./pacing-settings.ts";
import type { SenderState } from "./sender-state.ts";
import { DAY_MS } from "./zoned-time.ts";

export const PAUSE_REASONS = ["banned", "restricted", "manual", "rate_limited"] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/** Shown to the rep next to the paused number. */
export const PAUSE_MESSAGES: Record<PauseReason, string> = {
  rate_limited: "WhatsApp is rate-limiting this number. Sending resumes by itself after a cool-down.",
  restricted:
    "WhatsApp restricted this number from starting new chats (often after reports or blocks). Replies to existing chats still go out; resume new contacts once the restriction has ended in the WhatsApp app.",
  banned:
    "WhatsApp closed this number's session as forbidden (ban or block). Check the account in the WhatsApp app before resuming.",
  manual: "Paused by a rep.",
};

export const PauseSchema = z.object({
  reason: z.enum(PAUSE_REASONS),
  at: z.number(),
  /** null: until a person resumes. */
  until: z.number().nullable(),
  /** "new_contacts": only first messages are held (WhatsApp keeps existing chats open under a restriction). */
  scope: z.enum(["all", "new_contacts"]),
  detail: z.string().optional(),
});
export type Pause = z.output<typeof PauseSchema>;

/** A send error, an error in a message ack, or a closed connection, as the host sees it from Baileys. */
export type SessionSignal = {
  source: "send_error" | "ack_error" | "disconnect";
  statusCode?: number;
  message?: string;
};

export type SignalVerdict =
  | { action: "pause"; reason: PauseReason; detail: string }
  | { action: "session"; state: "logged_out" }
  | { action: "none" };

const RATE_LIMITED = /rate-overlimit|rate.?limit|too many/i;
const RESTRICTED = /restricted|reachout|timelock/i;
const BANNED = /banned|forbidden/i;

/** Codes: Baileys `DisconnectReason` (401 loggedOut, 403 forbidden), 429 / "rate-overlimit" on IQs and sends,
 * 463 in a message ack = the account may not start new chats (Baileys `MessageAccountRestriction`). */
export function classifySignal(signal: SessionSignal): SignalVerdict {
  const { source, statusCode: code, message = "" } = signal;
  const detail = [code, message].filter(Boolean).join(" ");
  if (source === "disconnect" && code === 401) return { action: "session", state: "logged_out" };
  if (code === 429 || RATE_LIMITED.test(message)) return { action: "pause", reason: "rate_limited", detail };
  if (code === 463 || RESTRICTED.test(message)) return { action: "pause", reason: "restricted", detail };
  // A 403 on a single send is about that chat (e.g. a group we left); on the connection it is the number.
  if (source === "disconnect" && (code === 403 || BANNED.test(message))) {
    return { action: "pause", reason: "banned", detail };
  }
  return { action: "none" }; // transient (timeouts, 5xx, restarts): the session layer reconnects and retries
}

/** Adds a pause (replacing an earlier one of the same reason). Rate limits escalate: each one within 24 h of
 * the previous doubles the cool-down. */
export function pauseFor(
  state: SenderState,
  settings: PacingSettings,
  signal: { reason: PauseReason; at: number; detail?: string },
): SenderState {
  const { reason, at, detail } = signal;
  const strikes = state.rateLimitStrikes.filter((t) => t > at - DAY_MS);
  let until: number | null = null;
  if (reason === "rate_limited") {
    until = at + Math.min(settings.rateLimitMaxCooldownMs, settings.rateLimitCooldownMs * 2 ** strikes.length);
    strikes.push(at);
  }
  const pause: Pause = {
    reason,
    at,
    until,
    scope: reason === "restricted" ? "new_contacts" : "all",
    ...(detail ? { detail } : {}),
  };
  const kept = state.pauses.filter((p) => p.reason !== reason && (p.until === null || p.until > at));
  return { ...state, pauses: [...kept, pause], rateLimitStrikes: strikes };
}

/** A person resumes the number: every pause, or only the one with `reason`. */
export function resume(state: SenderState, reason?: PauseReason): SenderState {
  return { ...state, pauses: reason ? state.pauses.filter((p) => p.reason !== reason) : [] };
}

/** The pause that holds this send at `now`, if any: one waiting for a person first, else the longest. */
export function activePause(state: SenderState, now: number, newContact: boolean): Pause | null {
  const holding = state.pauses.filter((p) => (p.until === null || p.until > now) && (p.scope === "all" || newContact));
  if (holding.length === 0) return null;
  return holding.reduce((a, b) => {
    if (a.until === null || b.until === null) {
      if (a.until !== b.until) return a.until === null ? a : b;
      return PAUSE_REASONS.indexOf(a.reason) <= PAUSE_REASONS.indexOf(b.reason) ? a : b;
    }
    return a.until >= b.until ? a : b;
  });
}
