// Scores merged candidates and turns the best into Lead-shaped results with a contact strategy.
import type { Candidate } from "./candidate";
import { mergeCandidates } from "./candidate-merge";
import { bestContactTime, chooseMainChannel, tagsAndServices } from "./contact-strategy.service";
import { timezoneFor } from "./geo";
import type { Icp } from "./icp.schema";
import { scoreCandidate } from "./lead-scoring.service";

export interface RankedCandidate {
  candidate: Candidate;
  score: number;
  breakdown: Record<string, number>;
  reasons: string[];
}

/** Non-excluded candidates, best first; ties broken by source id so the order is stable. */
export function rankCandidates(icp: Icp, candidates: Candidate[]): RankedCandidate[] {
  const ranked: RankedCandidate[] = [];
  for (const candidate of candidates) {
    const result = scoreCandidate(icp, candidate);
    if (!result.excluded)
      ranked.push({ candidate, score: result.score, breakdown: result.breakdown, reasons: result.reasons });
  }
  return ranked.sort((a, b) => b.score - a.score || (a.candidate.sourceId < b.candidate.sourceId ? -1 : 1));
}

export function mergeAndRank(icp: Icp, candidates: Candidate[]): RankedCandidate[] {
  return rankCandidates(
    icp,
    mergeCandidates(candidates).map((g) => g.merged),
  );
}

export interface LeadView {
  fullName: string;
  companyName: string | null;
  companyDomain: string | null;
  jobTitle: string | null;
  seniority: string | null;
  industry: string | null;
  companySize: number | null;
  annualRevenue: number | null;
  location: { city: string | null; region: string | null; country: string | null };
  timezone: string;
  email: string | null;
  phone: string | null;
  linkedinUrl: string | null;
  contactChannels: { channel: string; handle: string; source: string }[];
  mainChannel: string;
  mainChannelReason: string;
  bestContactTime: ReturnType<typeof bestContactTime>;
  tags: string[];
  suggestedServices: string[];
  score: number;
  scoreBreakdown: Record<string, number>;
  scoreReasons: string[];
  sources: string[];
}

export function toLeadView(icp: Icp, r: RankedCandidate, now = Date.now()): LeadView {
  const c = r.candidate;
  const timezone = c.timezone ?? timezoneFor(c) ?? "UTC";
  const main = chooseMainChannel(icp, c);
  const { tags, suggestedServices } = tagsAndServices(icp, c);
  return {
    fullName: c.fullName ?? [c.firstName, "(name on enrichment)"].filter(Boolean).join(" "),
    companyName: c.companyName,
    companyDomain: c.companyDomain,
    jobTitle: c.jobTitle,
    seniority: c.seniority,
    industry: c.industry,
    companySize: c.companySize,
    annualRevenue: c.annualRevenue,
    location: { city: c.city, region: c.region, country: c.country },
    timezone,
    email: c.email,
    phone: c.phone,
    linkedinUrl: c.linkedinUrl,
    contactChannels: c.channels.map((h) => ({ channel: h.channel, handle: h.handle, source: h.source })),
    mainChannel: main.channel,
    mainChannelReason: main.reason,
    bestContactTime: bestContactTime(c, timezone, now),
    tags,
    suggestedServices,
    score: r.score,
    scoreBreakdown: r.breakdown,
    scoreReasons: r.reasons,
    sources: [...new Set([c.source, ...Object.values(c.provenance).flat()])],
  };
}
