// Wall-clock arithmetic in IANA time zones with nothing but Intl: the pacer needs a sender's calendar day
// (daily caps, warm-up) and a recipient's time of day (quiet hours). Every answer is checked against Intl
// again, so a DST jump moves a result later (safe for caps and quiet hours), never earlier.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

export function isTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The recipient's zone when Intl knows it, else the fallback (the sender's zone): never a crash on bad input. */
export function resolveTimeZone(zone: string | undefined, fallback: string): string {
  return zone && isTimeZone(zone) ? zone : fallback;
}

/** `date` is the local calendar day as YYYY-MM-DD; `msOfDay` the local time since that day's midnight. */
export type LocalTime = { date: string; msOfDay: number };

export function localTime(at: number, zone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(zone).formatToParts(at)) parts[part.type] = part.value;
  const hour = Number(parts.hour) % 24; // some engines still print "24" at midnight
  const ms = ((at % 1000) + 1000) % 1000;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    msOfDay: hour * HOUR_MS + Number(parts.minute) * MINUTE_MS + Number(parts.second) * 1000 + ms,
  };
}

/** The first instant after `at` that falls on a later local day (a zone's midnight, or the end of a DST gap). */
export function startOfNextLocalDay(at: number, zone: string): number {
  const today = localTime(at, zone).date;
  let guess = at - localTime(at, zone).msOfDay + DAY_MS;
  for (let i = 0; i < 4; i++) {
    const local = localTime(guess, zone);
    if (local.date === today) {
      guess += DAY_MS - local.msOfDay; // the day had more than 24 h (clocks went back)
      continue;
    }
    if (local.msOfDay === 0) return guess;
    const back = guess - local.msOfDay; // the day had fewer than 24 h: step back to the new day's start
    if (back <= at || localTime(back, zone).date === today) return guess;
    guess = back;
  }
  while (localTime(guess, zone).date === today) guess += HOUR_MS;
  return guess;
}

/** Whole calendar days from one YYYY-MM-DD to another (0 on the same day). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

function utcMidnight(date: string): number {
  const [year, month, day] = date.split("-").map(Number);
  return Date.UTC(year!, month! - 1, day!);
}
