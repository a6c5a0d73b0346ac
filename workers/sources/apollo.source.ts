// Apollo.io: the free people search narrows and ranks; only the best N are enriched with the paid
// bulk_match (credits cost money). Search responses carry no contact details by design.
import type { Candidate } from "../lead-engine/candidate";
import type { Icp } from "../lead-engine/icp.schema";
import { resolvePlace } from "../lead-engine/icp-locations";
import { providerIndustry } from "./provider-industries";
import type { LeadSource, SourceContext } from "./source";
import { fetchJson } from "./source";

const SEARCH_TTL_S = 24 * 3600;
const MATCH_TTL_S = 7 * 24 * 3600;

interface ApolloSearchPerson {
  id: string;
  first_name: string | null;
  last_name_obfuscated?: string | null;
  title: string | null;
  organization?: { name?: string | null } | null;
}

interface ApolloPerson {
  id: string;
  name: string | null;
  first_name: string | null;
  title: string | null;
  email: string | null;
  linkedin_url: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  seniority: string | null;
  organization?: {
    name?: string | null;
    primary_domain?: string | null;
    industry?: string | null;
    estimated_num_employees?: number | null;
    annual_revenue?: number | null;
    city?: string | null;
    state?: string | null;
    country?: string | null;
  } | null;
}

const base = (env: Env) => (env.APOLLO_BASE_URL || "https://api.apollo.io/api/v1").replace(/\/$/, "");
const headers = (env: Env) => ({
  "x-api-key": env.APOLLO_API_KEY!,
  "content-type": "application/json",
  "cache-control": "no-cache",
});

export function searchParams(icp: Icp, perPage: number): URLSearchParams {
  const q = new URLSearchParams();
  for (const role of icp.roles) q.append("person_titles[]", role);
  if (icp.roles.length) q.set("include_similar_titles", "true");
  for (const s of icp.seniorities) q.append("person_seniorities[]", s);
  for (const l of icp.locations) q.append("organization_locations[]", l.name);
  if (icp.companySize)
    q.append("organization_num_employees_ranges[]", `${icp.companySize.min ?? 1},${icp.companySize.max ?? 1_000_000}`);
  if (icp.annualRevenue?.min !== undefined) q.set("revenue_range[min]", String(icp.annualRevenue.min));
  if (icp.annualRevenue?.max !== undefined) q.set("revenue_range[max]", String(icp.annualRevenue.max));
  if (icp.keywords.length) q.set("q_keywords", icp.keywords.join(" "));
  q.set("page", "1");
  q.set("per_page", String(perPage));
  return q;
}

function fromSearch(p: ApolloSearchPerson, fetchedAt: string): Candidate {
  return {
    source: "apollo",
    sourceId: p.id,
    fetchedAt,
    fullName: null,
    firstName: p.first_name,
    jobTitle: p.title,
    seniority: null,
    email: null,
    phone: null,
    linkedinUrl: null,
    companyName: p.organization?.name ?? null,
    companyDomain: null,
    industry: null,
    companySize: null,
    annualRevenue: null,
    city: null,
    region: null,
    country: null,
    timezone: null,
    channels: [],
    signals: [],
    provenance: { jobTitle: ["apollo"], companyName: ["apollo"] },
    enriched: false,
  };
}

export function fromPerson(p: ApolloPerson, fetchedAt: string): Candidate {
  const org = p.organization ?? {};
  const country = resolvePlace(p.country ?? org.country ?? "")?.countries[0] ?? null;
  const channels: Candidate["channels"] = [];
  if (p.linkedin_url) channels.push({ channel: "linkedin", handle: p.linkedin_url, source: "apollo" });
  if (p.email) channels.push({ channel: "email", handle: p.email, source: "apollo" });
  const candidate: Candidate = {
    source: "apollo",
    sourceId: p.id,
    fetchedAt,
    fullName: p.name,
    firstName: p.first_name,
    jobTitle: p.title,
    seniority:
      (
        ["owner", "founder", "c_suite", "partner", "vp", "head", "director", "manager", "senior", "entry"] as const
      ).find((s) => s === p.seniority) ?? null,
    email: p.email,
    phone: null,
    linkedinUrl: p.linkedin_url,
    companyName: org.name ?? null,
    companyDomain: org.primary_domain ?? null,
    industry: providerIndustry(org.industry),
    companySize: org.estimated_num_employees ?? null,
    annualRevenue: org.annual_revenue ?? null,
    city: p.city ?? org.city ?? null,
    region: p.state ?? org.state ?? null,
    country,
    timezone: null,
    channels,
    signals: [],
    provenance: {},
    enriched: true,
  };
  for (const [field, value] of Object.entries(candidate))
    if (
      value !== null &&
      !["source", "sourceId", "fetchedAt", "channels", "signals", "provenance", "enriched"].includes(field)
    )
      candidate.provenance[field] = ["apollo"];
  return candidate;
}

async function bulkMatch(ids: string[], ctx: SourceContext): Promise<ApolloPerson[]> {
  const { env, signal } = ctx;
  return ctx.cached(["bulk_match", ids], MATCH_TTL_S, async () => {
    const res = await fetchJson<{ matches?: (ApolloPerson | null)[] }>("Apollo", `${base(env)}/people/bulk_match`, {
      method: "POST",
      headers: headers(env),
      body: JSON.stringify({ details: ids.map((id) => ({ id })) }),
      signal,
    });
    return (res.body?.matches ?? []).filter((m): m is ApolloPerson => !!m);
  });
}

export const apolloSource: LeadSource = {
  name: "apollo",
  configured: (env) => !!env.APOLLO_API_KEY,
  search: async ({ icp }, ctx) => {
    const q = searchParams(icp, 100);
    const people = await ctx.cached(["search", q.toString()], SEARCH_TTL_S, async () => {
      const res = await fetchJson<{ people?: ApolloSearchPerson[] }>(
        "Apollo",
        `${base(ctx.env)}/mixed_people/api_search?${q}`,
        { method: "POST", headers: headers(ctx.env), signal: ctx.signal },
      );
      return res.body?.people ?? [];
    });
    const now = new Date().toISOString();
    return people.map((p) => fromSearch(p, now));
  },
  enrichTop: async (best, ctx) => {
    const ids = best.map((c) => c.sourceId);
    const matches: ApolloPerson[] = [];
    // bulk_match takes at most 10 people per call.
    for (let i = 0; i < ids.length; i += 10) matches.push(...(await bulkMatch(ids.slice(i, i + 10), ctx)));
    const now = new Date().toISOString();
    return matches.map((m) => fromPerson(m, now));
  },
  lookup: async (keys, ctx) => {
    const body = keys.sourceRefs.apollo
      ? { id: keys.sourceRefs.apollo }
      : keys.email
        ? { email: keys.email }
        : keys.linkedinUrl
          ? { linkedin_url: `https://www.${keys.linkedinUrl}` }
          : null;
    if (!body) return null;
    const person = await ctx.cached(["match", body], MATCH_TTL_S, async () => {
      const res = await fetchJson<{ person?: ApolloPerson | null }>("Apollo", `${base(ctx.env)}/people/match`, {
        method: "POST",
        headers: headers(ctx.env),
        body: JSON.stringify(body),
        signal: ctx.signal,
      });
      return res.body?.person ?? null;
    });
    return person ? fromPerson(person, new Date().toISOString()) : null;
  },
};
