// Clearbit (now inside HubSpot): enrichment only — a person and company by e-mail, or a company by domain.
// 202 means "lookup queued": not an error, just nothing yet — the waterfall asks again later (LookupPending). It has no search, so it joins the enrichment
// waterfall (POST /api/leads/:id/enrich), not generation.
import type { Candidate } from "../lead-engine/candidate";
import { toNumber } from "../lead-engine/icp-quantities";
import { providerIndustry } from "./provider-industries";
import type { LeadSource, SourceContext } from "./source";
import { LookupPending, fetchJson } from "./source";

const TTL_S = 30 * 24 * 3600;

interface ClearbitCompany {
  name?: string | null;
  domain?: string | null;
  category?: {
    sector?: string | null;
    industryGroup?: string | null;
    industry?: string | null;
    subIndustry?: string | null;
  } | null;
  geo?: { city?: string | null; state?: string | null; countryCode?: string | null } | null;
  timeZone?: string | null;
  metrics?: { employees?: number | null; estimatedAnnualRevenue?: string | null } | null;
}

interface ClearbitPerson {
  name?: { fullName?: string | null } | null;
  email?: string | null;
  timeZone?: string | null;
  geo?: { city?: string | null; state?: string | null; countryCode?: string | null } | null;
  employment?: {
    name?: string | null;
    title?: string | null;
    seniority?: string | null;
    domain?: string | null;
  } | null;
  linkedin?: { handle?: string | null } | null;
}

async function get<T>(url: string, ctx: SourceContext): Promise<T | null> {
  const res = await fetchJson<T>("Clearbit", url, {
    headers: { authorization: `Bearer ${ctx.env.CLEARBIT_API_KEY}` },
    signal: ctx.signal,
  });
  // 202: queued at Clearbit — ask again later (thrown, so the empty answer is never cached). 404: unknown record.
  if (res.status === 202) throw new LookupPending("Clearbit");
  if (res.status === 404) return null;
  return res.body;
}

/** "$10M-$50M" → 10,000,000 (the lower bound: never overstate a company). */
function revenue(text: string | null | undefined): number | null {
  const m = /\$?\s*(\d+(?:\.\d+)?)\s*([kmb])?/i.exec(text ?? "");
  return m ? toNumber(m[1]!, m[2]?.toLowerCase()) : null;
}

export function fromClearbit(person: ClearbitPerson | null, company: ClearbitCompany | null): Partial<Candidate> {
  const out: Partial<Candidate> = {};
  const set = <K extends keyof Candidate>(k: K, v: Candidate[K] | null | undefined) =>
    v !== null && v !== undefined && (out[k] = v);
  set("fullName", person?.name?.fullName);
  set("email", person?.email);
  set("jobTitle", person?.employment?.title);
  set("linkedinUrl", person?.linkedin?.handle ? `https://www.linkedin.com/${person.linkedin.handle}` : null);
  set("companyName", company?.name ?? person?.employment?.name);
  set("companyDomain", company?.domain ?? person?.employment?.domain);
  set(
    "industry",
    providerIndustry(company?.category?.industry ?? company?.category?.industryGroup ?? company?.category?.sector),
  );
  set("companySize", company?.metrics?.employees);
  set("annualRevenue", revenue(company?.metrics?.estimatedAnnualRevenue));
  const geo = company?.geo ?? person?.geo;
  set("city", geo?.city);
  set("region", geo?.state);
  set("country", geo?.countryCode?.toUpperCase());
  set("timezone", company?.timeZone ?? person?.timeZone);
  return out;
}

export const clearbitSource: LeadSource = {
  name: "clearbit",
  configured: (env) => !!env.CLEARBIT_API_KEY,
  lookup: async (keys, ctx) => {
    if (keys.email) {
      const found = await ctx.cached(["combined", keys.email], TTL_S, () =>
        get<{ person: ClearbitPerson | null; company: ClearbitCompany | null }>(
          `${ctx.env.CLEARBIT_PERSON_URL}/combined/find?email=${encodeURIComponent(keys.email!)}`,
          ctx,
        ),
      );
      if (found) return fromClearbit(found.person, found.company);
    }
    if (!keys.companyDomain) return null;
    const company = await ctx.cached(["company", keys.companyDomain], TTL_S, () =>
      get<ClearbitCompany>(
        `${ctx.env.CLEARBIT_COMPANY_URL}/companies/find?domain=${encodeURIComponent(keys.companyDomain!)}`,
        ctx,
      ),
    );
    return company ? fromClearbit(null, company) : null;
  },
};
