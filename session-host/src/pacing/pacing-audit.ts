// An independent re-check of a number's send log against the settings: its own Intl reading of dates and
// hours, its own counting, nothing from the pacer's planning code (only the warm-up curve, which is part of
// the settings' definition). The property tests and `bun run bench:pacing` trust it to report 0.
import { dayLimits, type PacingSettings } from "./pacing-settings.ts";

export type AuditedSend = { at: number; newContact: boolean; reply?: boolean; recipientTimeZone?: string };
export type AuditedPause = { from: number; until: number | null; scope: "all" | "new_contacts" };
export type AuditRule =
  | "per_minute"
  | "gap"
  | "new_contact_gap"
  | "daily_cap"
  | "new_contact_cap"
  | "quiet_hours"
  | "paused";
export type Violation = { rule: AuditRule; at: number; detail: string };

const readers = new Map<string, Intl.DateTimeFormat | null>();

function reader(zone: string): Intl.DateTimeFormat | null {
  if (!readers.has(zone)) {
    let format: Intl.DateTimeFormat | null = null;
    try {
      format = new Intl.DateTimeFormat("en-CA", {
        timeZone: zone,
        dateStyle: "short",
        timeStyle: "short",
        hourCycle: "h23",
      });
    } catch {}
    readers.set(zone, format);
  }
  return readers.get(zone)!;
}

/** "YYYY-MM-DD" and the local hour, read from "2026-03-05, 14:07". */
function wallClock(at: number, zone: string): { date: string; hour: number } {
  const [date, clock] = reader(zone)!.format(at).split(", ");
  return { date: date!, hour: Number(clock!.slice(0, 2)) % 24 };
}

export function auditSends(
  settings: PacingSettings,
  sender: { warmupStartedAt: number | null },
  sends: AuditedSend[],
  pauses: AuditedPause[] = [],
): Violation[] {
  const out: Violation[] = [];
  const flag = (rule: AuditRule, at: number, detail: string) => out.push({ rule, at, detail });
  const ordered = [...sends].sort((a, b) => a.at - b.at);
  const perDay = new Map<string, { all: number; others: number; fresh: number }>();
  const startDate = sender.warmupStartedAt === null ? null : wallClock(sender.warmupStartedAt, settings.timeZone).date;
  let lastNew: number | null = null;
  ordered.forEach((send, i) => {
    const previous = ordered[i - 1];
    if (previous && send.at - previous.at < settings.gapMinMs) flag("gap", send.at, `${send.at - previous.at} ms`);
    const windowStart = ordered[i - settings.perMinute];
    if (windowStart && send.at - windowStart.at < 60_000)
      flag("per_minute", send.at, `${settings.perMinute + 1} in 60 s`);
    if (send.newContact) {
      if (lastNew !== null && send.at - lastNew < settings.newContactGapMs) {
        flag("new_contact_gap", send.at, `${send.at - lastNew} ms`);
      }
      lastNew = send.at;
    }
    const { date } = wallClock(send.at, settings.timeZone);
    const day = perDay.get(date) ?? { all: 0, others: 0, fresh: 0 };
    const counted = {
      all: day.all + 1,
      others: day.others + (send.reply ? 0 : 1),
      fresh: day.fresh + (send.newContact ? 1 : 0),
    };
    perDay.set(date, counted);
    const dayOfNumber = startDate === null ? null : calendarDays(startDate, date) + 1;
    const limits = dayLimits(settings, dayOfNumber);
    if (counted.all > limits.messages) flag("daily_cap", send.at, `${counted.all} > ${limits.messages} on ${date}`);
    if (!send.reply && counted.others > limits.nonReplies) {
      flag("daily_cap", send.at, `${counted.others} non-replies > ${limits.nonReplies} on ${date}`);
    }
    if (send.newContact && counted.fresh > limits.newContacts) {
      flag("new_contact_cap", send.at, `${counted.fresh} > ${limits.newContacts} on ${date}`);
    }
    const zone = send.recipientTimeZone && reader(send.recipientTimeZone) ? send.recipientTimeZone : settings.timeZone;
    const { hour } = wallClock(send.at, zone);
    const { quietStartHour: qs, quietEndHour: qe } = settings;
    const quiet = qs === qe ? false : qs < qe ? hour >= qs && hour < qe : hour >= qs || hour < qe;
    if (quiet) flag("quiet_hours", send.at, `${hour}h in ${zone}`);
    for (const p of pauses) {
      const holds = send.at >= p.from && (p.until === null || send.at < p.until);
      if (holds && (p.scope === "all" || send.newContact)) flag("paused", send.at, `pause from ${p.from}`);
    }
  });
  return out;
}

function calendarDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
