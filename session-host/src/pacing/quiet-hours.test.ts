import { describe, expect, test } from "bun:test";
import { isQuietAt, type QuietHours, quietHoursEnd } from "./quiet-hours.ts";
import { localTime } from "./zoned-time.ts";

const utc = (iso: string) => Date.parse(iso);
const night: QuietHours = { startHour: 21, endHour: 8 };
const iso = (ms: number) => new Date(ms).toISOString();

describe("quietHoursEnd (21:00–08:00)", () => {
  test.each([
    // zone, instant, first instant allowed
    ["UTC", "2026-03-05T22:00:00Z", "2026-03-06T08:00:00Z"],
    ["UTC", "2026-03-05T12:00:00Z", "2026-03-05T12:00:00Z"], // not quiet: unchanged
    ["UTC", "2026-03-05T20:59:59Z", "2026-03-05T20:59:59Z"],
    ["UTC", "2026-03-05T07:59:59Z", "2026-03-05T08:00:00Z"],
    ["America/New_York", "2026-03-08T03:00:00Z", "2026-03-08T12:00:00Z"], // 22:00 EST → 08:00 EDT (spring forward)
    ["Europe/Berlin", "2026-10-24T20:00:00Z", "2026-10-25T07:00:00Z"], // 22:00 CEST → 08:00 CET (fall back)
    ["Australia/Sydney", "2026-04-04T11:00:00Z", "2026-04-04T22:00:00Z"], // 22:00 AEDT → 08:00 AEST
    ["Asia/Kolkata", "2026-03-05T16:00:00Z", "2026-03-06T02:30:00Z"], // 21:30 IST, east of UTC
    ["America/Los_Angeles", "2026-03-05T06:00:00Z", "2026-03-05T16:00:00Z"], // 22:00 PST, west of UTC
    ["Pacific/Kiritimati", "2026-03-05T08:00:00Z", "2026-03-05T18:00:00Z"], // UTC+14: 22:00 → 08:00 next day
  ])("%s at %s → %s", (zone, at, expected) => {
    expect(iso(quietHoursEnd(utc(at), zone, night))).toBe(iso(utc(expected)));
  });

  test("the end is never quiet and the minute before it is, on every night around DST changes", () => {
    for (const zone of ["America/New_York", "Europe/Berlin", "Australia/Sydney", "America/Sao_Paulo"]) {
      for (let at = utc("2026-03-01T00:00:00Z"); at < utc("2026-04-10T00:00:00Z"); at += 53 * 60_000) {
        const end = quietHoursEnd(at, zone, night);
        expect(end).toBeGreaterThanOrEqual(at);
        expect(isQuietAt(end, zone, night)).toBe(false);
        if (end > at) expect(isQuietAt(end - 60_000, zone, night)).toBe(true);
      }
    }
  });

  test("an end hour inside a DST gap gives the first valid instant after it", () => {
    const gapNight: QuietHours = { startHour: 23, endHour: 2 }; // 02:00–03:00 does not exist on 2026-03-08 in New York
    const end = quietHoursEnd(utc("2026-03-08T05:00:00Z"), "America/New_York", gapNight); // 00:00 EST
    expect(isQuietAt(end, "America/New_York", gapNight)).toBe(false);
    expect(localTime(end, "America/New_York").msOfDay).toBe(3 * 3_600_000);
  });
});

test("a window inside one day and an empty window", () => {
  const lunch: QuietHours = { startHour: 12, endHour: 14 };
  expect(isQuietAt(utc("2026-03-05T13:00:00Z"), "UTC", lunch)).toBe(true);
  expect(isQuietAt(utc("2026-03-05T14:00:00Z"), "UTC", lunch)).toBe(false);
  expect(isQuietAt(utc("2026-03-05T23:00:00Z"), "UTC", { startHour: 8, endHour: 8 })).toBe(false);
});
