import { describe, expect, test } from "bun:test";
import { DAY_MS, daysBetween, HOUR_MS, localTime, resolveTimeZone, startOfNextLocalDay } from "./zoned-time.ts";

const utc = (iso: string) => Date.parse(iso);

describe("localTime", () => {
  test.each([
    ["2026-03-08T06:59:00Z", "America/New_York", "2026-03-08", "01:59"], // EST, just before spring-forward
    ["2026-03-08T07:00:00Z", "America/New_York", "2026-03-08", "03:00"], // EDT: 02:00–03:00 never happens
    ["2026-10-25T00:30:00Z", "Europe/Berlin", "2026-10-25", "02:30"], // CEST, first 02:30
    ["2026-10-25T01:30:00Z", "Europe/Berlin", "2026-10-25", "02:30"], // CET, second 02:30
    ["2026-03-05T20:00:00Z", "Asia/Kolkata", "2026-03-06", "01:30"], // east of UTC, half-hour offset
    ["2026-03-05T05:00:00Z", "America/Los_Angeles", "2026-03-04", "21:00"], // west of UTC, previous day
  ])("%s in %s is %s %s", (iso, zone, date, clock) => {
    const local = localTime(utc(iso), zone);
    const hh = String(Math.floor(local.msOfDay / HOUR_MS)).padStart(2, "0");
    const mm = String(Math.floor((local.msOfDay % HOUR_MS) / 60_000)).padStart(2, "0");
    expect([local.date, `${hh}:${mm}`]).toEqual([date, clock]);
  });
});

describe("startOfNextLocalDay", () => {
  test.each([
    ["UTC", "2026-03-05T13:00:00Z", "2026-03-06T00:00:00Z"],
    ["Asia/Tokyo", "2026-03-05T13:00:00Z", "2026-03-05T15:00:00Z"],
    ["America/New_York", "2026-03-07T12:00:00Z", "2026-03-08T05:00:00Z"], // before the 23-hour day
    ["America/New_York", "2026-03-08T12:00:00Z", "2026-03-09T04:00:00Z"], // the 23-hour day itself
    ["Europe/Berlin", "2026-10-25T12:00:00Z", "2026-10-25T23:00:00Z"], // the 25-hour day
    ["America/Santiago", "2026-09-05T12:00:00Z", "2026-09-06T04:00:00Z"], // midnight skipped: day starts 01:00
  ])("in %s after %s the next day starts at %s", (zone, iso, expected) => {
    expect(new Date(startOfNextLocalDay(utc(iso), zone)).toISOString()).toBe(new Date(utc(expected)).toISOString());
  });

  test("always lands on a later local date, whatever the hour", () => {
    for (const zone of ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata"]) {
      for (let at = utc("2026-03-01T00:00:00Z"); at < utc("2026-04-10T00:00:00Z"); at += 97 * 60_000) {
        const next = startOfNextLocalDay(at, zone);
        expect(localTime(next, zone).date > localTime(at, zone).date).toBe(true);
        expect(localTime(next - 1, zone).date).toBe(localTime(at, zone).date);
      }
    }
  });
});

test("daysBetween counts calendar days across month ends", () => {
  expect(daysBetween("2026-02-27", "2026-03-02")).toBe(3);
  expect(daysBetween("2026-03-02", "2026-03-02")).toBe(0);
  expect(DAY_MS).toBe(86_400_000);
});

test("an unknown zone falls back instead of throwing", () => {
  expect(resolveTimeZone("Mars/Olympus_Mons", "Europe/Berlin")).toBe("Europe/Berlin");
  expect(resolveTimeZone(undefined, "UTC")).toBe("UTC");
  expect(resolveTimeZone("Asia/Tokyo", "UTC")).toBe("Asia/Tokyo");
});
