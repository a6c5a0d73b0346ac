// A local stand-in for Apollo.io's REST API, reproducing the documented contract (../shared/docs/
// integrations.md): x-api-key auth with a plain-text 401, the free people search that never returns
// contact details, paid people/match and bulk_match (≤ 10), organizations/enrich, rate headers, 422 and 429
// bodies. Its people are the built-in sample dataset, re-keyed. Faults are chosen by the request itself:
// q_keywords containing `fault:500`, `fault:429` or `fault:slow`; `fault:retry-after:<s>` / `fault:retry-date:<s>`
// answer the first search of a run with 429 and `Retry-After` (delay-seconds / HTTP-date form), later ones normally. `GET /__log?marker=` reports what a test
// run (marked by a `run:<id>` keyword) searched and which person ids it paid to enrich.
import { serveFake } from "./fake-http";
import { countryName } from "../../workers/lead-engine/geo";
import data from "../../workers/sources/sample/sample-data.json";
import type { SampleData } from "../../workers/sources/sample/sample-data.types";

import { FAKE_APOLLO_KEY } from "./fake-keys";
const dataset = data as SampleData;
const companies = new Map(dataset.companies.map((c) => [c.id, c]));
const INDUSTRY_NAMES: Record<string, string> = {
  software: "computer software",
  fintech: "financial services",
  marketing_agency: "marketing & advertising",
  ecommerce: "internet",
  real_estate: "real estate",
  food_beverage: "food & beverages",
};

const people = dataset.contacts.map((p) => {
  const org = companies.get(p.companyId)!;
  return { id: `ap_${p.id}`, person: p, org };
});
const byId = new Map(people.map((p) => [p.id, p]));

interface LogEntry {
  marker: string | null;
  path: string;
  ids: string[];
  returned: number;
  status: number;
  at: number;
}

export async function startApolloFake() {
  const log: LogEntry[] = [];
  const searchMarker = new Map<string, string>();
  const throttled = new Set<string>();
  const { base, close } = await serveFake(async ({ req, url, text, send }) => {
    const body = JSON.parse(text || "{}");
    const rate = {
      "x-minute-usage": "1",
      "x-minute-requests-left": "199",
      "x-rate-limit-minute": "200",
      "x-hourly-usage": "1",
      "x-hourly-requests-left": "599",
      "x-rate-limit-hourly": "600",
    };

    if (url.pathname === "/__log") {
      const marker = url.searchParams.get("marker");
      return send(
        200,
        log.filter((e) => e.marker === marker),
      );
    }
    if (req.headers["x-api-key"] !== FAKE_APOLLO_KEY) return send(401, "Invalid access credentials.");

    if (req.method === "POST" && url.pathname === "/api/v1/mixed_people/api_search") {
      const q = url.searchParams;
      const keywords = q.get("q_keywords") ?? "";
      const marker = /run:([\w-]+)/.exec(keywords)?.[1] ?? null;
      if (keywords.includes("fault:500")) return send(500, { error: "Internal Server Error" });
      const retryAfter = /fault:retry-(after|date):(\d+)/.exec(keywords);
      if (retryAfter && marker && !throttled.has(marker)) {
        throttled.add(marker);
        log.push({ marker, path: url.pathname, ids: [], returned: 0, status: 429, at: Date.now() });
        const seconds = Number(retryAfter[2]);
        const value = retryAfter[1] === "after" ? String(seconds) : new Date(Date.now() + seconds * 1000).toUTCString();
        return send(
          429,
          {
            message:
              "The maximum number of api calls allowed for api/v1/mixed_people/api_search is 600 times per hour. Please upgrade your plan.",
          },
          { "retry-after": value },
        );
      }
      if (keywords.includes("fault:429"))
        return send(429, {
          message:
            "The maximum number of api calls allowed for api/v1/mixed_people/api_search is 600 times per hour. Please upgrade your plan.",
        });
      if (keywords.includes("fault:slow")) await new Promise((r) => setTimeout(r, 5_000));
      const perPage = Number(q.get("per_page") ?? 25);
      if (!(perPage >= 1 && perPage <= 100)) return send(422, { error: "Invalid parameters" });
      const titles = q.getAll("person_titles[]").map((t) => t.toLowerCase());
      const seniorities = q.getAll("person_seniorities[]");
      const locations = q.getAll("organization_locations[]").map((l) => l.toLowerCase());
      const ranges = q
        .getAll("organization_num_employees_ranges[]")
        .map((r) => r.split(",").map(Number) as [number, number]);
      const revMin = q.get("revenue_range[min]"),
        revMax = q.get("revenue_range[max]");
      const matches = people.filter(({ person, org }) => {
        const title = person.title.toLowerCase();
        if (titles.length && !titles.some((t) => title.includes(t) || t.includes(title))) {
          if (!(seniorities.length && seniorities.includes(person.seniority))) return false;
        } else if (!titles.length && seniorities.length && !seniorities.includes(person.seniority)) return false;
        const place = [org.city, org.region, countryName(org.country)].map((s) => (s ?? "").toLowerCase());
        if (locations.length && !locations.some((l) => place.includes(l))) return false;
        if (ranges.length && !ranges.some(([lo, hi]) => org.size >= lo && org.size <= hi)) return false;
        if (revMin && org.revenue < Number(revMin)) return false;
        if (revMax && org.revenue > Number(revMax)) return false;
        return true;
      });
      const page = matches.slice(0, perPage);
      for (const m of page) if (marker) searchMarker.set(m.id, marker);
      log.push({
        marker,
        path: url.pathname,
        ids: page.map((m) => m.id),
        returned: page.length,
        status: 200,
        at: Date.now(),
      });
      return send(
        200,
        {
          total_entries: Math.min(matches.length, 50_000),
          people: page.map(({ id, person, org }) => ({
            id,
            first_name: person.firstName,
            last_name_obfuscated: `${person.lastName[0]}***${person.lastName.slice(-1)}`,
            title: person.title,
            has_email: true,
            has_city: true,
            has_state: true,
            has_country: true,
            organization: {
              name: org.name,
              has_industry: true,
              has_phone: false,
              has_employee_count: true,
              has_revenue: true,
            },
          })),
        },
        rate,
      );
    }

    if (req.method === "POST" && url.pathname === "/api/v1/people/bulk_match") {
      const details = (body.details ?? []) as { id?: string }[];
      if (!Array.isArray(details) || details.length === 0 || details.length > 10)
        return send(422, { error: "Invalid parameters" });
      const ids = details.map((d) => d.id ?? "");
      log.push({
        marker: searchMarker.get(ids[0]!) ?? null,
        path: url.pathname,
        ids,
        returned: ids.length,
        status: 200,
        at: Date.now(),
      });
      const matches = ids
        .map((id) => byId.get(id))
        .filter((m) => !!m)
        .map(personJson);
      return send(
        200,
        { status: "success", matches, credits_consumed: matches.length, missing_records: ids.length - matches.length },
        rate,
      );
    }

    if (req.method === "POST" && url.pathname === "/api/v1/people/match") {
      const match = people.find(
        (p) =>
          (body.id && p.id === body.id) ||
          (body.email && p.person.email === String(body.email).toLowerCase()) ||
          (body.linkedin_url && p.person.linkedin && String(body.linkedin_url).includes(p.person.linkedin)),
      );
      log.push({
        marker: null,
        path: url.pathname,
        ids: match ? [match.id] : [],
        returned: match ? 1 : 0,
        status: 200,
        at: Date.now(),
      });
      return send(200, { person: match ? personJson(match) : null }, rate);
    }
    return send(404, { error: "Not found" });
  });
  return { url: `${base}/api/v1`, close };
}

function personJson({ id, person, org }: (typeof people)[number]) {
  return {
    id,
    first_name: person.firstName,
    last_name: person.lastName,
    name: `${person.firstName} ${person.lastName}`,
    linkedin_url: person.linkedin ? `http://www.${person.linkedin}` : null,
    title: person.title,
    headline: `${person.title} at ${org.name}`,
    email: person.email,
    email_status: "verified",
    city: org.city,
    state: org.region,
    country: countryName(org.country),
    seniority: person.seniority,
    departments: [],
    organization: {
      id: `org_${org.id}`,
      name: org.name,
      website_url: `http://www.${org.domain}`,
      primary_domain: org.domain,
      industry: INDUSTRY_NAMES[org.industry] ?? org.industry.replace(/_/g, " "),
      keywords: [],
      estimated_num_employees: org.size,
      annual_revenue: org.revenue,
      annual_revenue_printed: `${Math.round(org.revenue / 1e6)}M`,
      founded_year: 2010,
      city: org.city,
      state: org.region,
      country: countryName(org.country),
      short_description: `${org.name} is a fictional company from the sample dataset.`,
    },
  };
}
