import { describe, expect, it } from "vitest";
import { isSampleOnly, nextAllowedSend, windowOpen } from "./policy";

const q = { start: 20, end: 8 };
const caps = (replyWindowHours: number | null) => ({
  media: false,
  receipts: { delivered: true, read: true },
  replyWindowHours,
  caps: { perMinute: 10, perDay: 100 },
  reachesRealPeople: true,
});

describe("quiet hours in the lead's zone", () => {
  it.each([
    // [zone, now (UTC), expected (UTC)]
    ["Europe/Berlin", "2026-12-02T10:00:00Z", "2026-12-02T10:00:00Z"], // 11:00 local: send now
    ["Europe/Berlin", "2026-12-02T21:10:00Z", "2026-12-03T07:00:00Z"], // 22:10 local → 08:00 local
    ["Europe/Berlin", "2026-12-02T05:00:00Z", "2026-12-02T07:00:00Z"], // 06:00 local → 08:00
    ["America/New_York", "2026-12-02T02:00:00Z", "2026-12-02T13:00:00Z"], // 21:00 local → 08:00 EST
    ["Asia/Kolkata", "2026-12-01T17:00:00Z", "2026-12-02T02:30:00Z"], // 22:30 IST → 08:00 IST
    // DST: Berlin springs forward on 2027-03-28; 01:00 UTC is 03:00 CEST → 08:00 CEST = 06:00 UTC.
    ["Europe/Berlin", "2027-03-28T01:00:00Z", "2027-03-28T06:00:00Z"],
  ])("%s at %s → %s", (zone, now, expected) => {
    expect(nextAllowedSend(zone, new Date(now), q).toISOString()).toBe(new Date(expected).toISOString());
  });

  it("has no quiet hours when the lead's zone is unknown or invalid", () => {
    const now = new Date("2026-12-02T23:00:00Z");
    expect(nextAllowedSend(null, now, q)).toEqual(now);
    expect(nextAllowedSend("Mars/Olympus", now, q)).toEqual(now);
  });

  it("treats equal start and end as no quiet hours", () => {
    const now = new Date("2026-12-02T23:00:00Z");
    expect(nextAllowedSend("Europe/Berlin", now, { start: 9, end: 9 })).toEqual(now);
  });
});

describe("sample leads", () => {
  it.each([
    [{ source: "sample", sources: [] }, true],
    [{ source: "sample", sources: ["sample"] }, true],
    [{ source: "sample", sources: ["sample", "apollo"] }, false],
    [{ source: "import", sources: ["lists"] }, false],
    [{ source: null, sources: [] }, false],
  ])("%j → %s", (lead, sample) => expect(isSampleOnly(lead)).toBe(sample));
});

describe("reply window", () => {
  const now = new Date("2026-12-02T12:00:00Z");
  it("is always open on channels without one", () => expect(windowOpen(caps(null), null, now)).toBe(true));
  it("is closed before the lead ever wrote", () => expect(windowOpen(caps(24), null, now)).toBe(false));
  it("is open within 24 h and closed after", () => {
    expect(windowOpen(caps(24), new Date("2026-12-01T13:00:00Z"), now)).toBe(true);
    expect(windowOpen(caps(24), new Date("2026-12-01T11:00:00Z"), now)).toBe(false);
  });
  it("stays open to a person's own answer within the human-agent window (Messenger: 7 days)", () => {
    const meta = { ...caps(24), humanAgentWindowHours: 168 };
    const threeDaysAgo = new Date("2026-11-29T12:00:00Z");
    expect(windowOpen(meta, threeDaysAgo, now)).toBe(false);
    expect(windowOpen(meta, threeDaysAgo, now, true)).toBe(true);
    expect(windowOpen(meta, new Date("2026-11-24T12:00:00Z"), now, true)).toBe(false);
    expect(windowOpen(caps(24), threeDaysAgo, now, true)).toBe(false);
  });
});
