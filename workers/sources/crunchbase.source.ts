// Crunchbase API v4: organization search (location, size band, category) ranks companies; only the best
// few are looked up (entity + founders card) to find the people. 200 calls/min and no rate headers, so the
// budget is kept client-side, per isolate.
import type { Candidate } from "../lead-engine/candidate";
import { resolvePlace } from "../lead-engine/icp-locations";
import { providerIndustry } from "./provider-industries";
import { EMPLOYEE_BANDS, REVENUE_BANDS, bandValue, bandsFor } from "./crunchbase-enums";
import type { LeadSource, SourceContext, SourceQuery } from "./source";
import { SourceError, fetchJson } from "./source";

const TTL_S = 24 * 3600;
const CALLS_PER_MINUTE = 200;
const MAX_ORGS_LOOKED_UP = 12;
const FIELD_IDS = [
  "identifier",
  "short_description",
  "website_url",
  "num_employees_enum",
  "revenue_range",
  "location_identifiers",
  "categories",
];
const calls: number[] = [];

function spend(n = 1) {
  const now = Date.now();
  while (calls.length && calls[0]! < now - 60_000) calls.shift();
  if (calls.length + n > CALLS_PER_MINUTE)
    throw new SourceError("Crunchbase call budget for this minute is spent", false, 429);
  for (let i = 0; i < n; i++) calls.push(now);
}

interface Identifier {
  uuid?: string;
  value?: string;
  permalink?: string;
  location_type?: string;
}
interface OrgProperties {
  identifier?: Identifier;
  website_url?: string | null;
  num_employees_enum?: string | null;
  revenue_range?: string | null;
  location_identifiers?: Identifier[];
  categories?: Identifier[];
}
interface Founder {
  identifier?: Identifier;
  first_name?: string | null;
  last_name?: string | null;
  linkedin?: { value?: string | null } | null;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
const headers = (ctx: SourceContext) => ({
  "x-cb-user-key": ctx.env.CRUNCHBASE_API_KEY!,
  "content-type": "application/json",
});

function searchBody({ icp }: SourceQuery) {
  const query: object[] = [{ type: "predicate", field_id: "facet_ids", operator_id: "includes", values: ["company"] }];
  if (icp.locations.length)
    query.push({
      type: "predicate",
      field_id: "location_identifiers",
      operator_id: "includes",
      values: icp.locations.map((l) => slug(l.name)),
    });
  if (icp.companySize)
    query.push({
      type: "predicate",
      field_id: "num_employees_enum",
      operator_id: "includes",
      values: bandsFor(EMPLOYEE_BANDS, icp.companySize),
    });
  if (icp.annualRevenue)
    query.push({
      type: "predicate",
      field_id: "revenue_range",
      operator_id: "includes",
      values: bandsFor(REVENUE_BANDS, icp.annualRevenue),
    });
  if (icp.industries.length)
    query.push({
      type: "predicate",
      field_id: "categories",
      operator_id: "includes",
      values: icp.industries.map((i) => i.replace(/_/g, "-")),
    });
  return { field_ids: FIELD_IDS, query, order: [{ field_id: "rank_org", sort: "asc" }], limit: 100 };
}

function orgCandidate(uuid: string, p: OrgProperties, fetchedAt: string): Candidate {
  const places = p.location_identifiers ?? [];
  const city = places.find((l) => l.location_type === "city")?.value ?? null;
  const region = places.find((l) => l.location_type === "region")?.value ?? null;
  const countryName = places.find((l) => l.location_type === "country")?.value;
  const domain = p.website_url ? p.website_url.replace(/^https?:\/\/(www\.)?/, "").replace(/\/.*$/, "") : null;
  return {
    source: "crunchbase",
    sourceId: uuid,
    fetchedAt,
    fullName: null,
    firstName: null,
    jobTitle: "Founder",
    seniority: "founder",
    email: null,
    phone: null,
    linkedinUrl: null,
    companyName: p.identifier?.value ?? null,
    companyDomain: domain,
    industry: (p.categories ?? []).map((c) => providerIndustry(c.value)).find(Boolean) ?? null,
    companySize: bandValue(EMPLOYEE_BANDS, p.num_employees_enum),
    annualRevenue: bandValue(REVENUE_BANDS, p.revenue_range),
    city,
    region,
    country: countryName ? (resolvePlace(countryName)?.countries[0] ?? null) : null,
    timezone: null,
    channels: [],
    signals: [],
    provenance: {
      companyName: ["crunchbase"],
      industry: ["crunchbase"],
      companySize: ["crunchbase"],
      country: ["crunchbase"],
    },
    enriched: false,
  };
}

export const crunchbaseSource: LeadSource = {
  name: "crunchbase",
  configured: (env) => !!env.CRUNCHBASE_API_KEY,
  search: async (query, ctx) => {
    const body = searchBody(query);
    const entities = await ctx.cached(["search", body], TTL_S, async () => {
      spend();
      const res = await fetchJson<{ entities?: { uuid: string; properties: OrgProperties }[] }>(
        "Crunchbase",
        `${ctx.env.CRUNCHBASE_BASE_URL}/searches/organizations`,
        { method: "POST", headers: headers(ctx), body: JSON.stringify(body), signal: ctx.signal },
      );
      return res.body?.entities ?? [];
    });
    const now = new Date().toISOString();
    return entities.map((e) => ({
      ...orgCandidate(e.uuid, e.properties, now),
      refs: { crunchbase: e.properties.identifier?.permalink ?? e.uuid },
    }));
  },
  // The people behind the best companies: one entity call each, founders card included.
  enrichTop: async (best, ctx) => {
    const people: Candidate[] = [];
    for (const org of best.slice(0, MAX_ORGS_LOOKED_UP)) {
      const permalink = org.refs?.crunchbase ?? org.sourceId;
      const entity = await ctx.cached(["entity", permalink], TTL_S, async () => {
        spend();
        const url = `${ctx.env.CRUNCHBASE_BASE_URL}/entities/organizations/${encodeURIComponent(permalink)}?field_ids=${FIELD_IDS.join(",")}&card_ids=founders`;
        return (
          await fetchJson<{ properties?: OrgProperties; cards?: { founders?: Founder[] } }>("Crunchbase", url, {
            headers: headers(ctx),
            signal: ctx.signal,
          })
        ).body;
      });
      for (const f of entity?.cards?.founders ?? []) {
        const name = f.identifier?.value ?? [f.first_name, f.last_name].filter(Boolean).join(" ");
        if (!name) continue;
        const linkedin = f.linkedin?.value ?? null;
        people.push({
          ...org,
          sourceId: f.identifier?.uuid ?? `${org.sourceId}:${name}`,
          refs: undefined,
          fullName: name,
          firstName: f.first_name ?? name.split(" ")[0] ?? null,
          linkedinUrl: linkedin,
          channels: linkedin ? [{ channel: "linkedin", handle: linkedin, source: "crunchbase" }] : [],
          provenance: { ...org.provenance, fullName: ["crunchbase"] },
          enriched: true,
        });
      }
    }
    return people;
  },
};
