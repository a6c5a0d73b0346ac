// Generates the built-in sample source: fictional but realistic companies and contacts across industries,
// countries, sizes and channels. Deterministic (seeded), so the committed file is reproducible:
//   bun scripts/generate-sample-data.ts          → writes workers/sources/sample/sample-data.json
//   bun scripts/generate-sample-data.ts --check  → fails if the committed file differs
// Domains use the reserved `.example` TLD so no one can ever mail a real company by mistake.
import { readFileSync, writeFileSync } from "node:fs";
import examples from "libphonenumber-js/examples.mobile.json";
import { getExampleNumber, parsePhoneNumberFromString } from "libphonenumber-js/max";
import type { CountryCode } from "libphonenumber-js/max";
import { geo } from "../workers/lead-engine/geo";
import { INDUSTRIES } from "../workers/lead-engine/icp-vocabulary";
import {
  COUNTRY_PROFILES,
  FIRST_CORES,
  INDUSTRY_PROFILES,
  NAME_CULTURES,
  ROLE_TEMPLATES,
  SECOND_CORES,
} from "./lib/sample-vocabulary";
import type { SampleCompany, SampleContact, SampleData } from "../workers/sources/sample/sample-data.types";

const OUTPUT = new URL("../workers/sources/sample/sample-data.json", import.meta.url);
const COMPANY_COUNT = 900;
const SEED = 20261126;

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const chance = (p: number) => random() < p;
function weighted<T extends { weight: number }>(items: readonly T[]): T {
  let r = random() * items.reduce((sum, i) => sum + i.weight, 0);
  for (const item of items) if ((r -= item.weight) <= 0) return item;
  return items[items.length - 1]!;
}
const slug = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");

function companySize(): number {
  // Log-uniform-ish: plenty of small firms, a long tail of enterprises.
  const band = weighted([
    { weight: 30, lo: 2, hi: 50 },
    { weight: 35, lo: 51, hi: 500 },
    { weight: 22, lo: 501, hi: 5000 },
    { weight: 13, lo: 5001, hi: 60000 },
  ]);
  return Math.round(Math.exp(Math.log(band.lo) + random() * (Math.log(band.hi) - Math.log(band.lo))));
}

const twoSignificant = (n: number) => {
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1);
  return Math.round(n / magnitude) * magnitude;
};

function phoneFor(country: string): string | undefined {
  const example = getExampleNumber(country as CountryCode, examples as never);
  if (!example) return undefined;
  const national = example.nationalNumber;
  for (let attempt = 0; attempt < 10; attempt++) {
    const tail = String(Math.floor(random() * 10_000)).padStart(4, "0");
    const parsed = parsePhoneNumberFromString(`+${example.countryCallingCode}${national.slice(0, -4)}${tail}`);
    if (parsed?.isValid()) return parsed.number;
  }
  return example.number;
}

function signalsFor(industry: (typeof INDUSTRY_PROFILES)[string], size: number): SampleCompany["signals"] {
  const signals: SampleCompany["signals"] = [];
  const add = (signal: SampleCompany["signals"][number], p: number) => chance(p) && signals.push(signal);
  add("no_ads", industry.consumer ? 0.45 : 0.35);
  add("weak_seo", 0.4);
  add("no_crm", size < 50 ? 0.6 : size < 500 ? 0.3 : 0.08);
  add("leaky_funnel", 0.3);
  add("hiring_sales", size > 20 ? 0.3 : 0.1);
  add("old_website", size < 200 ? 0.35 : 0.15);
  add("low_social", industry.consumer ? 0.35 : 0.2);
  add("no_newsletter", industry.consumer ? 0.4 : 0.2);
  add("thin_content", 0.3);
  add("manual_workflows", size > 30 ? 0.3 : 0.2);
  add("no_tracking", 0.2);
  add("dated_brand", 0.15);
  add("fast_growth", 0.2);
  add("recently_funded", industry.venture ? 0.25 : 0.04);
  return signals;
}

function generate(): SampleData {
  const { citiesByCountry } = geo();
  const usedDomains = new Set<string>();
  const companies: SampleCompany[] = [];
  const contacts: SampleContact[] = [];
  const industries = INDUSTRIES.map((i) => ({ value: i.value, weight: INDUSTRY_PROFILES[i.value]?.weight ?? 1 }));
  for (let _i = 0; companies.length < COMPANY_COUNT; _i++) {
    const country = weighted(COUNTRY_PROFILES);
    const cities = (citiesByCountry.get(country.code) ?? []).slice(0, country.cities);
    const city = pick(cities);
    const industry = weighted(industries).value;
    const profile = INDUSTRY_PROFILES[industry] ?? INDUSTRY_PROFILES.default!;
    const brand = `${pick(FIRST_CORES)}${pick(SECOND_CORES)}`;
    const name = `${brand} ${pick(profile.words)}`;
    const domain = `${slug(brand)}${slug(profile.words[0]!).slice(0, 8)}.example`;
    if (usedDomains.has(domain)) continue;
    usedDomains.add(domain);
    const size = companySize();
    const revenue = twoSignificant(size * profile.revenuePerEmployee * (0.6 + random() * 0.8));
    const company: SampleCompany = {
      id: `c${String(companies.length + 1).padStart(4, "0")}`,
      name: `${name}${country.legalSuffix ? ` ${country.legalSuffix}` : ""}`,
      domain,
      industry,
      size,
      revenue,
      city: city.name,
      region: city.province,
      country: country.code,
      timezone: city.timezone,
      signals: signalsFor(profile, size),
      linkedin: `linkedin.com/company/${slug(brand)}-${slug(profile.words[0]!)}`,
      instagram: profile.consumer || chance(0.3) ? `@${slug(brand)}` : undefined,
      facebook: profile.consumer || size < 50 ? `facebook.com/${slug(brand)}` : undefined,
    };
    companies.push(company);
    const people = size < 20 ? 2 : size < 500 ? 3 : 4;
    const templates = ROLE_TEMPLATES.filter((t) => size >= t.minSize && size <= t.maxSize);
    const chosen = new Set<(typeof ROLE_TEMPLATES)[number]>();
    while (chosen.size < Math.min(people, templates.length)) chosen.add(weighted(templates));
    const culture = NAME_CULTURES[country.names]!;
    for (const template of chosen) {
      const first = pick(culture.first),
        last = pick(culture.last);
      const personSlug = `${slug(first)}-${slug(last)}-${contacts.length.toString(36)}`;
      const phone = chance(0.75) ? phoneFor(country.code) : undefined;
      const consumerOwner = profile.consumer && (template.seniority === "owner" || template.seniority === "founder");
      contacts.push({
        id: `p${String(contacts.length + 1).padStart(5, "0")}`,
        companyId: company.id,
        firstName: first,
        lastName: last,
        title: template.title,
        seniority: template.seniority,
        email: `${slug(first)}.${slug(last)}@${domain}`,
        phone,
        linkedin: chance(template.seniority === "owner" ? 0.6 : 0.9) ? `linkedin.com/in/${personSlug}` : undefined,
        whatsapp: phone && chance(country.whatsapp) ? phone : undefined,
        instagram: chance(consumerOwner ? 0.75 : profile.consumer ? 0.3 : 0.1)
          ? `@${slug(first)}.${slug(last)}`
          : undefined,
        facebook: chance(consumerOwner || size < 20 ? 0.5 : 0.1)
          ? `facebook.com/${slug(first)}.${slug(last)}`
          : undefined,
        x: chance(profile.venture && template.seniority !== "manager" ? 0.4 : 0.08)
          ? `@${slug(first)}${slug(last).slice(0, 6)}`
          : undefined,
      });
    }
  }
  return { version: 1, seed: SEED, generatedBy: "scripts/generate-sample-data.ts", companies, contacts };
}

const text = `${JSON.stringify(generate())}\n`;
if (process.argv.includes("--check")) {
  const committed = readFileSync(OUTPUT, "utf8");
  if (committed !== text) {
    console.error("workers/sources/sample/sample-data.json is out of date: run bun scripts/generate-sample-data.ts");
    process.exit(1);
  }
  console.log("sample data is up to date");
} else {
  writeFileSync(OUTPUT, text);
  const data = JSON.parse(text) as SampleData;
  console.log(
    `wrote ${data.companies.length} companies and ${data.contacts.length} contacts (${(text.length / 1024).toFixed(0)} KiB)`,
  );
}
