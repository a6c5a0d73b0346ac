// Quiet hours in the recipient's zone: nobody should get a sales message at 23:00 their time, whatever the
// sender's clock says. Hours are whole local hours, like the Worker's messaging settings.
import { DAY_MS, HOUR_MS, MINUTE_MS, localTime } from "./zoned-time.ts";

export type QuietHours = { startHour: number; endHour: number };

function inWindow(msOfDay: number, { startHour, endHour }: QuietHours): boolean {
  const start = startHour * HOUR_MS;
  const end = endHour * HOUR_MS;
  if (start === end) return false;
  return start < end ? msOfDay >= start && msOfDay < end : msOfDay >= start || msOfDay < end;
}

export function isQuietAt(at: number, zone: string, quiet: QuietHours): boolean {
  return inWindow(localTime(at, zone).msOfDay, quiet);
}

/**
 * The first instant at or after `at` outside quiet hours. Starts from the naive answer (local end hour) and
 * corrects it by what Intl reads there, so a DST change during the night is absorbed; if the end hour falls
 * in a DST gap the answer is the first valid instant after it (later, never inside quiet hours).
 */
export function quietHoursEnd(at: number, zone: string, quiet: QuietHours): number {
  const now = localTime(at, zone);
  if (!inWindow(now.msOfDay, quiet)) return at;
  const end = quiet.endHour * HOUR_MS;
  let guess = at + ((((end - now.msOfDay) % DAY_MS) + DAY_MS) % DAY_MS);
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 4; i++) {
    const local = localTime(guess, zone);
    if (guess >= at && !inWindow(local.msOfDay, quiet)) best = Math.min(best, guess);
    let drift = local.msOfDay - end; // how far Intl's wall clock is from the end hour, within ±12 h
    if (drift > DAY_MS / 2) drift -= DAY_MS;
    if (drift < -DAY_MS / 2) drift += DAY_MS;
    if (drift === 0) break;
    guess -= drift;
  }
  if (best !== Number.POSITIVE_INFINITY) return best;
  let step = at;
  while (isQuietAt(step, zone, quiet)) step += MINUTE_MS; // not reached in real zones; bounded by a day
  return step;
}
