// A local stand-in for Crunchbase API v4 per the documented contract: X-cb-user-key auth with errors as a
// JSON array ([{status, code, message}]), POST /searches/organizations with predicate queries (includes /
// eq), limit ≤ 1000 and keyset `after_id`, GET /entities/organizations/{permalink} with a founders card.
// Companies and founders come from the sample dataset. `GET /__log` counts the calls.
import { serveFake } from "./fake-http";
import { countryName } from "../../workers/lead-engine/geo";
import { EMPLOYEE_BANDS, REVENUE_BANDS } from "../../workers/sources/crunchbase-enums";
import data from "../../workers/sources/sample/sample-data.json";
import type { SampleCompany, SampleData } from "../../workers/sources/sample/sample-data.types";
import { FAKE_CRUNCHBASE_KEY } from "./fake-keys";

const dataset = data as SampleData;
const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
const band = (bands: [string, number, number][], n: number) => bands.find(([, lo, hi]) => n >= lo && n <= hi)![0];

function properties(c: SampleCompany) {
  const country = countryName(c.country) ?? c.country;
  return {
    identifier: { uuid: `uuid-${c.id}`, value: c.name, permalink: slug(c.name), entity_def_id: "organization" },
    short_description: `${c.name} is a fictional company.`,
    website_url: `https://www.${c.domain}`,
    num_employees_enum: band(EMPLOYEE_BANDS, c.size),
    revenue_range: band(REVENUE_BANDS, c.revenue),
    location_identifiers: [
      { uuid: `loc-${slug(c.city)}`, value: c.city, permalink: slug(c.city), location_type: "city" },
      { uuid: `loc-${slug(c.region)}`, value: c.region, permalink: slug(c.region), location_type: "region" },
      { uuid: `loc-${slug(country)}`, value: country, permalink: slug(country), location_type: "country" },
    ],
    categories: [
      { uuid: `cat-${c.industry}`, value: c.industry.replace(/_/g, " "), permalink: c.industry.replace(/_/g, "-") },
    ],
  };
}

type Props = ReturnType<typeof properties>;
const orgs = dataset.companies.map((c) => ({ uuid: `uuid-${c.id}`, company: c, properties: properties(c) }));

function matches(props: Props, predicate: { field_id: string; operator_id: string; values: string[] }): boolean {
  const values = predicate.values.map(String);
  switch (predicate.field_id) {
    case "facet_ids":
      return values.includes("company");
    case "location_identifiers":
      return props.location_identifiers.some((l) => values.includes(l.permalink) || values.includes(l.uuid));
    case "categories":
      return props.categories.some((c) => values.includes(c.permalink));
    case "num_employees_enum":
      return values.includes(props.num_employees_enum);
    case "revenue_range":
      return values.includes(props.revenue_range);
    default:
      return true;
  }
}

export async function startCrunchbaseFake() {
  const log: { path: string }[] = [];
  const { base, close } = await serveFake(({ req, url, text, send }) => {
    if (url.pathname === "/__log") return send(200, log);
    if (req.headers["x-cb-user-key"] !== FAKE_CRUNCHBASE_KEY)
      return send(401, [{ status: 401, code: "LA401", message: "Unauthorized user_key" }]);
    log.push({ path: url.pathname });
    if (req.method === "POST" && url.pathname === "/api/v4/searches/organizations") {
      const body = JSON.parse(text || "{}");
      const limit = Number(body.limit ?? 50);
      if (!Array.isArray(body.query) || !(limit >= 1 && limit <= 1000))
        return send(400, [{ status: 400, code: "MD100", message: "Invalid query" }]);
      let found = orgs.filter((o) => body.query.every((p: never) => matches(o.properties, p)));
      if (body.after_id) found = found.slice(found.findIndex((o) => o.uuid === body.after_id) + 1);
      return send(200, {
        count: found.length,
        entities: found.slice(0, limit).map((o) => ({ uuid: o.uuid, properties: o.properties })),
      });
    }
    const entity = /^\/api\/v4\/entities\/organizations\/([^/]+)$/.exec(url.pathname);
    if (req.method === "GET" && entity) {
      const org = orgs.find(
        (o) => o.properties.identifier.permalink === decodeURIComponent(entity[1]!) || o.uuid === entity[1],
      );
      if (!org) return send(404, [{ status: 404, code: "MD404", message: "Entity not found" }]);
      const founders = (url.searchParams.get("card_ids") ?? "").split(",").includes("founders")
        ? dataset.contacts
            .filter((p) => p.companyId === org.company.id && ["founder", "owner", "c_suite"].includes(p.seniority))
            .map((p) => ({
              identifier: {
                uuid: `person-${p.id}`,
                value: `${p.firstName} ${p.lastName}`,
                permalink: slug(`${p.firstName}-${p.lastName}`),
                entity_def_id: "person",
              },
              first_name: p.firstName,
              last_name: p.lastName,
              linkedin: p.linkedin ? { value: `https://www.${p.linkedin}` } : null,
            }))
        : undefined;
      return send(200, { properties: org.properties, cards: founders ? { founders } : {} });
    }
    return send(404, [{ status: 404, code: "MD404", message: "Not found" }]);
  });
  return { url: `${base}/api/v4`, close };
}
