import { describe, expect, it } from "vitest";
import type { Candidate } from "./candidate";
import { bestContactTime, chooseMainChannel } from "./contact-strategy.service";
import { parseIcpRules } from "./icp-parser.service";
import { scoreCandidate } from "./lead-scoring.service";

function candidate(overrides: Partial<Candidate> = {}): Candidate {
  return {
    source: "sample",
    sourceId: "p1",
    fetchedAt: "2026-11-26T00:00:00Z",
    fullName: "Ana Costa",
    firstName: "Ana",
    jobTitle: "Head of Marketing",
    seniority: "head",
    email: "ana@costa.example",
    phone: null,
    linkedinUrl: null,
    companyName: "Costa Software",
    companyDomain: "costa.example",
    industry: "software",
    companySize: 120,
    annualRevenue: 20_000_000,
    city: "Berlin",
    region: "Berlin",
    country: "DE",
    timezone: "Europe/Berlin",
    channels: [{ channel: "linkedin", handle: "linkedin.com/in/ana", source: "sample" }],
    signals: ["no_ads"],
    provenance: {},
    enriched: true,
    ...overrides,
  };
}

describe("bestContactTime", () => {
  it("gives executives an early-morning window on Tue–Thu and the next slot in UTC across DST", () => {
    // Friday 2026-03-27 12:00 UTC; Berlin moves to summer time on Sunday 29 March.
    const slot = bestContactTime(
      candidate({ seniority: "c_suite", jobTitle: "CEO" }),
      "Europe/Berlin",
      Date.UTC(2026, 2, 27, 12),
    );
    expect(slot).toEqual({
      localDays: ["Tue", "Wed", "Thu"],
      localWindow: "07:30-08:30",
      timezone: "Europe/Berlin",
      nextSlotUtc: "2026-03-31T05:30:00.000Z",
    });
  });

  it("uses today's window while it is still ahead in the lead's zone", () => {
    // Tuesday 2026-11-24 06:00 in New York (11:00 UTC): the 08:00 window is still ahead.
    const slot = bestContactTime(candidate({ seniority: "vp" }), "America/New_York", Date.UTC(2026, 10, 24, 11));
    expect(slot.nextSlotUtc).toBe("2026-11-24T13:00:00.000Z");
  });
});

describe("chooseMainChannel", () => {
  it("uses the preferred channel when the lead has it, and says why when it does not", () => {
    const icp = parseIcpRules("Heads of marketing reachable on LinkedIn");
    expect(chooseMainChannel(icp, candidate()).channel).toBe("linkedin");
    const owner = candidate({
      seniority: "owner",
      jobTitle: "Owner",
      companySize: 8,
      country: "BR",
      channels: [{ channel: "whatsapp", handle: "+5511999990000", source: "sample" }],
    });
    expect(chooseMainChannel(icp, owner)).toEqual({
      channel: "whatsapp",
      reason: expect.stringMatching(/^Not on LinkedIn; WhatsApp/),
    });
  });
});

describe("scoreCandidate", () => {
  it("excludes hard-filter violations instead of ranking them low", () => {
    const icp = parseIcpRules("Heads of marketing at 50–500 person SaaS companies in Germany, not agencies");
    expect(scoreCandidate(icp, candidate({ country: "FR", city: "Paris" }))).toEqual({
      excluded: true,
      reason: "outside Germany",
    });
    expect(scoreCandidate(icp, candidate({ companySize: 900 }))).toMatchObject({ excluded: true });
    expect(scoreCandidate(icp, candidate({ industry: "marketing_agency" }))).toMatchObject({ excluded: true });
  });

  it("breaks the score down by criterion so the parts add up to the score", () => {
    const icp = parseIcpRules(
      "Heads of marketing at SaaS companies in Germany who need paid ads, reachable on LinkedIn",
    );
    const result = scoreCandidate(icp, candidate());
    if (result.excluded) throw new Error("unexpectedly excluded");
    const sum = Object.values(result.breakdown).reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - result.score)).toBeLessThanOrEqual(1);
    expect(result.reasons[0]).toMatch(/role you asked for/);
    const weaker = scoreCandidate(icp, candidate({ jobTitle: "Marketing Manager", seniority: "manager", signals: [] }));
    if (weaker.excluded) throw new Error("unexpectedly excluded");
    expect(weaker.score).toBeLessThan(result.score);
  });
});
