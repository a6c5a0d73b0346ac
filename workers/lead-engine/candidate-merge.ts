// Merges the same person found by several sources into one candidate. Per field, the value of the
// higher-priority source wins, and between equals the fresher one; provenance records who said what.
import type { Candidate } from "./candidate";
import type { SourceName } from "./icp.schema";
import { nameKey, normalizeDomain, normalizeEmail, normalizeLinkedinUrl } from "../services/lead-identity";

/** Paid, verified data first; the user's own lists above the built-in sample. */
export const SOURCE_PRIORITY: Record<SourceName, number> = { apollo: 6, clearbit: 5, crunchbase: 4, salesnav: 3, lists: 2, sample: 1 };

const FIELDS = ["fullName", "firstName", "jobTitle", "seniority", "email", "phone", "linkedinUrl", "companyName", "companyDomain", "industry", "companySize", "annualRevenue", "city", "region", "country", "timezone"] as const;

export function identityKeys(c: Candidate): string[] {
  const keys: string[] = [];
  const email = normalizeEmail(c.email);
  const linkedin = normalizeLinkedinUrl(c.linkedinUrl);
  const domain = normalizeDomain(c.companyDomain);
  const name = nameKey(c.fullName);
  if (email) keys.push(`e:${email}`);
  if (linkedin) keys.push(`l:${linkedin}`);
  if (c.phone) keys.push(`p:${c.phone}`);
  if (domain && name) keys.push(`d:${domain}|${name}`);
  keys.push(`s:${c.source}:${c.sourceId}`);
  return keys;
}

const rank = (c: Candidate) => SOURCE_PRIORITY[c.source] * 1e13 + Date.parse(c.fetchedAt);

export function mergeGroup(group: Candidate[]): Candidate {
  if (group.length === 1) return group[0]!;
  const ordered = [...group].sort((a, b) => rank(b) - rank(a));
  const merged: Candidate = { ...ordered[0]!, channels: [], signals: [], provenance: {} };
  for (const field of FIELDS) {
    const holders = ordered.filter((c) => c[field] !== null && c[field] !== undefined);
    (merged as unknown as Record<string, unknown>)[field] = holders[0]?.[field] ?? null;
    if (holders.length) merged.provenance[field] = [...new Set(holders.map((c) => c.source))];
  }
  const seen = new Set<string>();
  for (const c of ordered) {
    for (const h of c.channels) {
      const key = `${h.channel}:${h.handle.toLowerCase()}`;
      if (!seen.has(key)) (seen.add(key), merged.channels.push(h));
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
