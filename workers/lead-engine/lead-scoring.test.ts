// Honest scores (issue 14): a lead that is not the role or industry asked for is at most a partial match and
// says what did not match; nothing understood means nothing is a strong match; the workspace's own list
// labels rank exact matches before looser ones.
import { describe, expect, it } from "vitest";
import type { Candidate } from "./candidate";
import { parseIcpRules } from "./icp-parser.service";
import { MISMATCH_CAP, scoreCandidate } from "./lead-scoring.service";
import { rankCandidates } from "./ranking";
import { matchListIndustries } from "./list-vocabulary";

const lead = (over: Partial<Candidate>): Candidate => ({
  source: "lists",
  sourceId: over.fullName ?? "x",
  fetchedAt: "2026-12-01T00:00:00.000Z",
  fullName: "Ana Silva",
  firstName: "Ana",
  jobTitle: null,
  seniority: null,
  email: "ana@example.test",
  phone: null,
  linkedinUrl: "https://www.linkedin.com/in/ana",
  companyName: "Acme",
  companyDomain: "acme.example",
  industry: null,
  companySize: 120,
  annualRevenue: null,
  city: "Lisbon",
  region: null,
  country: "PT",
  timezone: "Europe/Lisbon",
  channels: [
    { channel: "linkedin", handle: "https://www.linkedin.com/in/ana", source: "lists" },
    { channel: "email", handle: "ana@example.test", source: "lists" },
  ],
  signals: [],
  provenance: {},
  enriched: true,
  ...over,
});

const scored = (description: string, c: Candidate) => {
  const result = scoreCandidate(parseIcpRules(description), c);
  if (result.excluded) throw new Error(result.reason);
  return result;
};

describe("honest scores", () => {
  it("caps a CEO found for CTOs and says so", () => {
    const ceo = scored("CTOs of fintech companies in Lisbon", lead({ jobTitle: "CEO", industry: "fintech" }));
    const cto = scored("CTOs of fintech companies in Lisbon", lead({ jobTitle: "CTO", industry: "fintech" }));
    expect(ceo.score).toBeLessThanOrEqual(MISMATCH_CAP);
    expect(ceo.reasons.join(" | ")).toContain("CEO, not CTO");
    expect(ceo.reasons.join(" | ")).not.toMatch(/like the CTO/);
    expect(cto.score).toBeGreaterThan(80);
  });

  it("caps a lead from another industry and names both", () => {
    const r = scored("CTOs of fintech companies in Lisbon", lead({ jobTitle: "CTO", industry: "insurance" }));
    expect(r.score).toBeLessThanOrEqual(MISMATCH_CAP);
    expect(r.reasons.join(" | ")).toMatch(/Insurance.*Fintech/);
  });

  it("presents nothing as a match when nothing in the description was understood", () => {
    for (const text of ["blorp wizzle", "🚀🚀🚀 !!!", "<script>x</script>", "مدراء التسويق"]) {
      const r = scored(text, lead({ jobTitle: "CEO", industry: "software" }));
      expect(r.score, text).toBeLessThanOrEqual(20);
      expect(r.reasons[0], text).toMatch(/could not read/);
    }
  });
});

describe("the workspace's lists as vocabulary", () => {
  const labels = ["Trucking, Truck Leasing", "Transportation and Logistics", "Hotels, Casinos, Resorts", "Airlines"];

  it("matches everyday words to the list's own labels", () => {
    expect(matchListIndustries("trucking companies", labels)).toEqual(["Trucking, Truck Leasing"]);
    expect(matchListIndustries("hotel and casino groups", labels)).toEqual(["Hotels, Casinos, Resorts"]);
    expect(matchListIndustries("dentists", labels)).toEqual([]);
  });

  it("ranks the exact label first and labels the looser match partial", () => {
    const icp = parseIcpRules("trucking companies", {}, { industryLabels: labels });
    const ranked = rankCandidates(icp, [
      lead({ fullName: "Logistics Lead", industry: "logistics", industryLabel: "Transportation and Logistics" }),
      lead({ fullName: "Trucking Lead", industry: "logistics", industryLabel: "Trucking, Truck Leasing" }),
    ]);
    expect(ranked.map((r) => r.candidate.fullName)).toEqual(["Trucking Lead", "Logistics Lead"]);
    expect(ranked[1]!.reasons.join(" | ")).toMatch(/Partial match/);
  });
});
