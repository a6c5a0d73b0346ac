// A local stand-in for Clearbit's person/company lookups per the documented contract: Bearer or Basic auth,
// `combined/find?email=` → {person, company}, `companies/find?domain=`, 202 while a lookup is queued (the
// first request for an address starting `queued.`; asked again, it answers for the address without the prefix), 404 `unknown_record`, 422 for malformed input, 429 with
// X-RateLimit-* headers (domains starting `ratelimited.`). Records come from the sample dataset.
import { serveFake } from "./fake-http";
import data from "../../workers/sources/sample/sample-data.json";
import type { SampleCompany, SampleData } from "../../workers/sources/sample/sample-data.types";
import { FAKE_CLEARBIT_KEY } from "./fake-keys";

const dataset = data as SampleData;
const companies = new Map(dataset.companies.map((c) => [c.domain, c]));
const byId = new Map(dataset.companies.map((c) => [c.id, c]));
const peopleByEmail = new Map(dataset.contacts.map((p) => [p.email, p]));
const INDUSTRY: Record<string, string> = {
  software: "Internet Software & Services",
  fintech: "Diversified Financial Services",
  marketing_agency: "Advertising",
};

function companyJson(c: SampleCompany) {
  return {
    id: `cb_${c.id}`,
    name: c.name,
    legalName: c.name,
    domain: c.domain,
    category: {
      sector: "Information Technology",
      industryGroup: "Software & Services",
      industry: INDUSTRY[c.industry] ?? c.industry.replace(/_/g, " "),
      subIndustry: null,
    },
    geo: { city: c.city, state: c.region, stateCode: null, country: c.country, countryCode: c.country },
    timeZone: c.timezone,
    utcOffset: 0,
    metrics: {
      employees: c.size,
      employeesRange: null,
      estimatedAnnualRevenue: `$${Math.max(1, Math.round(c.revenue / 1e6))}M-$${Math.max(2, Math.round((c.revenue * 2) / 1e6))}M`,
    },
  };
}

export async function startClearbitFake() {
  const seen = new Set<string>();
  /** Person lookups by e-mail, for tests to ask how often an address was looked up (GET /_requests?email=). */
  const asked = new Map<string, number>();
  const { base, close } = await serveFake(({ req, url, send }) => {
    const auth = req.headers.authorization ?? "";
    const basic = auth.startsWith("Basic ") ? Buffer.from(auth.slice(6), "base64").toString().split(":")[0] : null;
    if (auth !== `Bearer ${FAKE_CLEARBIT_KEY}` && basic !== FAKE_CLEARBIT_KEY)
      return send(401, { error: { type: "auth_required", message: "API key required." } });
    if (url.pathname === "/_requests") return send(200, { count: asked.get(url.searchParams.get("email") ?? "") ?? 0 });
    if (url.pathname === "/person/v2/combined/find") {
      const email = url.searchParams.get("email") ?? "";
      asked.set(email, (asked.get(email) ?? 0) + 1);
      if (!email.includes("@")) return send(422, { error: { type: "invalid_email", message: "Invalid email." } });
      if (email.startsWith("queued.") && !seen.has(email)) {
        seen.add(email);
        return send(202, { error: { type: "queued", message: "Lookup queued, try again later." } });
      }
      const person = peopleByEmail.get(email.replace(/^queued\./, ""));
      if (!person) return send(404, { error: { type: "unknown_record", message: "Unknown email address." } });
      const company = byId.get(person.companyId)!;
      return send(200, {
        person: {
          id: `cbp_${person.id}`,
          name: {
            fullName: `${person.firstName} ${person.lastName}`,
            givenName: person.firstName,
            familyName: person.lastName,
          },
          email,
          timeZone: company.timezone,
          geo: { city: company.city, state: company.region, countryCode: company.country },
          employment: { domain: company.domain, name: company.name, title: person.title, role: null, seniority: null },
          linkedin: { handle: person.linkedin?.replace(/^linkedin\.com\//, "") ?? null },
        },
        company: companyJson(company),
      });
    }
    if (url.pathname === "/company/v2/companies/find") {
      const domain = url.searchParams.get("domain") ?? "";
      if (domain.startsWith("ratelimited."))
        return send(
          429,
          { error: { type: "rate_limit", message: "Rate limit exceeded." } },
          { "x-ratelimit-limit": "600", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "60" },
        );
      const company = companies.get(domain);
      return company
        ? send(200, companyJson(company))
        : send(404, { error: { type: "unknown_record", message: "Unknown domain." } });
    }
    return send(404, { error: { type: "not_found", message: "Not found" } });
  });
  return { personUrl: `${base}/person/v2`, companyUrl: `${base}/company/v2`, close };
}
