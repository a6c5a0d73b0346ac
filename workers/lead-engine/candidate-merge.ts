// Merges the same person found by several sources into one candidate. Per field, the value of the
// higher-priority source wins, and between equals the fresher one; provenance records who said what.
import type { Candidate } from "./candidate";
import type { SourceName } from "./icp.schema";
import { fillMissing, identityKeys as personKeys, identityOf } from "../services/lead-identity";

/** Paid, verified data first; the user's own lists above the built-in sample. */
export const SOURCE_PRIORITY: Record<SourceName, number> = {
  apollo: 6,
  clearbit: 5,
  crunchbase: 4,
  salesnav: 3,
  lists: 2,
  sample: 1,
};

const FIELDS = [
  "fullName",
  "firstName",
  "jobTitle",
  "seniority",
  "email",
  "phone",
  "linkedinUrl",
  "companyName",
  "companyDomain",
  "industry",
  "industryLabel",
  "companySize",
  "annualRevenue",
  "city",
  "region",
  "country",
  "timezone",
] as const;

/**
 * The candidate's person keys in normal form (lead-identity.ts: the rules every path uses, so a provider's
 * "+1 (415) 555-2671" meets the stored "+14155552671"), plus its id at its source.
 */
export function identityKeys(c: Candidate): string[] {
  return [...personKeys(identityOf(c)), `s:${c.source}:${c.sourceId}`];
}

const rank = (c: Candidate) => SOURCE_PRIORITY[c.source] * 1e13 + Date.parse(c.fetchedAt);

export function mergeGroup(group: Candidate[]): Candidate {
  if (group.length === 1) return group[0]!;
  const ordered = [...group].sort((a, b) => rank(b) - rank(a));
  const merged: Candidate = { ...ordered[0]!, channels: [], signals: [], provenance: {} };
  // Highest priority first, each later source filling only what is still missing.
  for (const field of FIELDS) merged[field] = null as never;
  for (const c of ordered) Object.assign(merged, fillMissing<Candidate>(merged, c, FIELDS));
  for (const field of FIELDS) {
    const holders = ordered.filter((c) => c[field] != null);
    if (holders.length) merged.provenance[field] = [...new Set(holders.map((c) => c.source))];
  }
  const seen = new Set<string>();
  for (const c of ordered) {
    for (const h of c.channels) {
      const key = `${h.channel}:${h.handle.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      merged.channels.push(h);
    }
  }
  merged.signals = [...new Set(ordered.flatMap((c) => c.signals))];
  merged.enriched = ordered.some((c) => c.enriched);
  merged.refs = Object.fromEntries(ordered.reverse().map((c) => [c.source, c.sourceId]));
  return merged;
}

/** Union-find over identity keys: any shared key puts two candidates in one group. */
export function mergeCandidates(candidates: Candidate[]): { merged: Candidate; members: Candidate[] }[] {
  const parent = candidates.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const owner = new Map<string, number>();
  candidates.forEach((c, i) => {
    for (const key of identityKeys(c)) {
      const j = owner.get(key);
      if (j === undefined) owner.set(key, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, Candidate[]>();
  candidates.forEach((c, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), c]);
  });
  return [...groups.values()].map((members) => ({ merged: mergeGroup(members), members }));
}

export const sourceRefs = (c: Candidate): Partial<Record<SourceName, string>> => c.refs ?? { [c.source]: c.sourceId };
