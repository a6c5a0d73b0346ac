// States, provinces and Länder from ISO 3166-2 (the iso-3166 package, sliced by
// scripts/generate-subdivisions.ts into subdivisions.data.ts): names and codes inside and outside the US, so
// "Bavaria", "NSW", "BC" and "FL" resolve to a region with its country. English names the standard does not
// use ("Bavaria" for Bayern) are the short exonym list below. Built once per isolate.
import { fold } from "./geo";
import { SUBDIVISIONS } from "./subdivisions.data";

export interface Subdivision {
  /** ISO 3166-2, e.g. `AU-NSW`. */
  code: string;
  country: string;
  /** The code after the dash (`NSW`). */
  short: string;
  name: string;
}

/** Codes a rep writes on their own ("in FL", "across NSW") — those of the US, Canada and Australia. */
const BARE_CODE_COUNTRIES = ["US", "CA", "AU"];

const EXONYMS: Record<string, string> = {
  bavaria: "DE-BY",
  hesse: "DE-HE",
  saxony: "DE-SN",
  "lower saxony": "DE-NI",
  "north rhine-westphalia": "DE-NW",
  "north rhine westphalia": "DE-NW",
  nrw: "DE-NW",
  thuringia: "DE-TH",
  "rhineland-palatinate": "DE-RP",
  catalonia: "ES-CT",
  cataluna: "ES-CT",
  andalusia: "ES-AN",
  "basque country": "ES-PV",
  "valencian community": "ES-VC",
  "balearic islands": "ES-IB",
  "canary islands": "ES-CN",
  "community of madrid": "ES-MD",
  lombardy: "IT-25",
  tuscany: "IT-52",
  piedmont: "IT-21",
  sicily: "IT-82",
  "sao paulo state": "BR-SP",
  "state of sao paulo": "BR-SP",
  quebec: "CA-QC",
  scotland: "GB-SCT",
  england: "GB-ENG",
  wales: "GB-WLS",
  "northern ireland": "GB-NIR",
  "washington state": "US-WA",
  "new york state": "US-NY",
  "state of new york": "US-NY",
};

interface Index {
  byCode: Map<string, Subdivision>;
  /** Lower-cased, accent-folded name → subdivision. */
  byName: Map<string, Subdivision>;
  /** Short code (`NSW`, `FL`) → subdivisions of the bare-code countries that use it. */
  byShort: Map<string, Subdivision[]>;
  /** Short code → subdivisions of every country (`PR` → US-PR, BR-PR): only to confirm a named city. */
  byShortAnyCountry: Map<string, Subdivision[]>;
}
let index: Index | undefined;

function build(): Index {
  const byCode = new Map<string, Subdivision>();
  const byName = new Map<string, Subdivision>();
  const byShort = new Map<string, Subdivision[]>();
  const byShortAnyCountry = new Map<string, Subdivision[]>();
  for (const [code, name] of SUBDIVISIONS) {
    const country = code.slice(0, 2);
    // GB's first level is the four nations; its counties and boroughs are not what reps mean.
    if (country === "GB" && !["GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR"].includes(code)) continue;
    const sub: Subdivision = { code, country, short: code.split("-")[1]!, name };
    byCode.set(code, sub);
    // "Madrid, Comunidad de" → "Madrid" would shadow the city: names with a comma are reached by code only.
    if (!name.includes(",")) byName.set(fold(name).toLowerCase(), sub);
    if (BARE_CODE_COUNTRIES.includes(country)) byShort.set(sub.short, [...(byShort.get(sub.short) ?? []), sub]);
    byShortAnyCountry.set(sub.short, [...(byShortAnyCountry.get(sub.short) ?? []), sub]);
  }
  for (const [name, code] of Object.entries(EXONYMS)) {
    const sub = byCode.get(code);
    if (sub) byName.set(name, sub);
  }
  // US states first among shared short codes: "WA" alone is Washington unless the sentence says Australia.
  for (const list of byShort.values())
    list.sort((a, b) => BARE_CODE_COUNTRIES.indexOf(a.country) - BARE_CODE_COUNTRIES.indexOf(b.country));
  return { byCode, byName, byShort, byShortAnyCountry };
}

export function subdivisions(): Index {
  index ??= build();
  return index;
}

/** The subdivision a city's province name (as the city dataset spells it) belongs to, if we can tell. */
export function subdivisionOf(country: string, province: string): Subdivision | undefined {
  const key = fold(province).toLowerCase();
  const { byName } = subdivisions();
  const direct = byName.get(key);
  if (direct?.country === country) return direct;
  for (const sub of subdivisions().byCode.values()) {
    if (sub.country !== country) continue;
    const name = fold(sub.name).toLowerCase();
    if (name === key || name.startsWith(`${key},`) || key.startsWith(name) || name.startsWith(key)) return sub;
  }
  return undefined;
}

/** Named groups of US states reps use; each resolves to one region per state. */
export const US_REGIONS: Record<string, string[]> = {
  "pacific northwest": ["WA", "OR", "ID"],
  pnw: ["WA", "OR", "ID"],
  "new england": ["CT", "ME", "MA", "NH", "RI", "VT"],
  midwest: ["IL", "IN", "IA", "KS", "MI", "MN", "MO", "NE", "ND", "OH", "SD", "WI"],
  "mid-west": ["IL", "IN", "IA", "KS", "MI", "MN", "MO", "NE", "ND", "OH", "SD", "WI"],
  "sun belt": ["AL", "AZ", "FL", "GA", "LA", "MS", "NM", "SC", "TX", "NV"],
  sunbelt: ["AL", "AZ", "FL", "GA", "LA", "MS", "NM", "SC", "TX", "NV"],
  "west coast": ["CA", "OR", "WA"],
  "east coast": ["ME", "NH", "MA", "RI", "CT", "NY", "NJ", "DE", "MD", "VA", "NC", "SC", "GA", "FL"],
  "tri-state area": ["NY", "NJ", "CT"],
  "tri-state": ["NY", "NJ", "CT"],
  "rust belt": ["PA", "OH", "MI", "IN", "IL", "WI"],
  "mid-atlantic": ["NY", "NJ", "PA", "DE", "MD"],
  southeast: ["AL", "FL", "GA", "KY", "MS", "NC", "SC", "TN"],
  southwest: ["AZ", "NM", "TX", "OK"],
  "gulf coast": ["TX", "LA", "MS", "AL", "FL"],
  "deep south": ["AL", "GA", "LA", "MS", "SC"],
  "mountain west": ["CO", "UT", "NV", "ID", "MT", "WY", "NM", "AZ"],
};
