// Finds places in a description: countries (names, short forms, demonyms), US states, well-known areas
// ("DACH", "Nordics") and major cities, resolved to ISO codes and IANA zones.
import { geo } from "./geo";
import type { IcpLocation } from "./icp.schema";

/** Business shorthand for groups of countries; no dataset package covers these, so they live here. */
const AREAS: Record<string, string[]> = {
  dach: ["DE", "AT", "CH"],
  nordics: ["SE", "NO", "DK", "FI", "IS"],
  nordic: ["SE", "NO", "DK", "FI", "IS"],
  scandinavia: ["SE", "NO", "DK"],
  benelux: ["BE", "NL", "LU"],
  iberia: ["ES", "PT"],
  "uk and ireland": ["GB", "IE"],
  "uk & ireland": ["GB", "IE"],
  "north america": ["US", "CA"],
  "north american": ["US", "CA"],
  european: ["DE", "FR", "GB", "IT", "ES", "NL", "BE", "SE", "NO", "DK", "FI", "IE", "AT", "CH", "PL", "PT", "CZ"],
  "latin america": ["MX", "BR", "AR", "CO", "CL", "PE"],
  "latin american": ["MX", "BR", "AR", "CO", "CL", "PE"],
  latam: ["MX", "BR", "AR", "CO", "CL", "PE"],
  "middle east": ["AE", "SA", "QA", "KW", "BH", "OM", "IL", "JO"],
  gcc: ["AE", "SA", "QA", "KW", "BH", "OM"],
  mena: ["AE", "SA", "QA", "EG", "MA", "JO"],
  apac: ["AU", "NZ", "SG", "JP", "KR", "IN", "HK", "MY", "ID", "PH", "TH", "VN"],
  "southeast asia": ["SG", "MY", "ID", "PH", "TH", "VN"],
  anz: ["AU", "NZ"],
  "eastern europe": ["PL", "CZ", "SK", "HU", "RO", "BG", "UA"],
  cee: ["PL", "CZ", "SK", "HU", "RO", "BG", "SI", "HR"],
  europe: ["DE", "FR", "GB", "IT", "ES", "NL", "BE", "SE", "NO", "DK", "FI", "IE", "AT", "CH", "PL", "PT", "CZ"],
  eu: ["DE", "FR", "IT", "ES", "NL", "BE", "SE", "DK", "FI", "IE", "AT", "PL", "PT", "CZ"],
  emea: ["DE", "FR", "GB", "IT", "ES", "NL", "SE", "AE", "SA", "ZA", "NG", "KE", "IL"],
  africa: ["ZA", "NG", "KE", "EG", "MA", "GH"],
};

/** Short names and demonyms people write instead of the official country name. */
const COUNTRY_ALIASES: Record<string, string> = {
  usa: "US",
  "u.s.a.": "US",
  "u.s.": "US",
  "united states": "US",
  america: "US",
  american: "US",
  "the states": "US",
  uk: "GB",
  "u.k.": "GB",
  britain: "GB",
  "great britain": "GB",
  british: "GB",
  england: "GB",
  scotland: "GB",
  scottish: "GB",
  wales: "GB",
  welsh: "GB",
  uae: "AE",
  emirates: "AE",
  emirati: "AE",
  holland: "NL",
  dutch: "NL",
  german: "DE",
  deutschland: "DE",
  french: "FR",
  spanish: "ES",
  italian: "IT",
  swiss: "CH",
  austrian: "AT",
  belgian: "BE",
  swedish: "SE",
  norwegian: "NO",
  danish: "DK",
  finnish: "FI",
  irish: "IE",
  polish: "PL",
  portuguese: "PT",
  czech: "CZ",
  "czech republic": "CZ",
  canadian: "CA",
  mexican: "MX",
  brazilian: "BR",
  argentinian: "AR",
  colombian: "CO",
  chilean: "CL",
  australian: "AU",
  "new zealand": "NZ",
  kiwi: "NZ",
  indian: "IN",
  singaporean: "SG",
  japanese: "JP",
  korean: "KR",
  korea: "KR",
  "south korea": "KR",
  chinese: "CN",
  israeli: "IL",
  saudi: "SA",
  "saudi arabia": "SA",
  "south african": "ZA",
  nigerian: "NG",
  kenyan: "KE",
  egyptian: "EG",
  turkish: "TR",
  turkey: "TR",
  türkiye: "TR",
  vietnam: "VN",
  "viet nam": "VN",
  russia: "RU",
  "hong kong": "HK",
};

/** Other names of cities, mapped to the dataset's name. */
const CITY_ALIASES: Record<string, string> = {
  bangalore: "bengaluru",
  bombay: "mumbai",
  köln: "cologne",
  koln: "cologne",
  "new york city": "new york",
  nyc: "new york",
  "são paulo": "sao paulo",
  "frankfurt am main": "frankfurt",
  "washington dc": "washington, d.c.",
  "washington d.c.": "washington, d.c.",
  "washington d c": "washington, d.c.",
  "d.c.": "washington, d.c.",
};

/** City-states: the country's name is also the city's. */
const CITY_STATES = new Set(["SG", "HK", "MO", "MC"]);

/** City and country names that are also everyday words or first names; never read as places. */
const NOT_PLACES = new Set([
  "nice",
  "mobile",
  "reading",
  "independence",
  "orange",
  "enterprise",
  "surprise",
  "mission",
  "victoria",
  "chad",
  "jordan",
  "man",
  "split",
  "sale",
  "best",
  "of",
  "can",
  "male",
  "ilo",
  "concord",
  "mandal",
  "bath",
  "florence",
  "lead",
  "bus",
  "commerce",
  "media",
  "kent",
]);
const MIN_CITY_POPULATION = 150_000;

type Entry = { kind: "country" | "area" | "state" | "city"; key: string };
let matcher: { regex: RegExp; entries: Map<string, Entry> } | undefined;

function buildMatcher() {
  const { countries, cities, usStates } = geo();
  const entries = new Map<string, Entry>();
  const add = (name: string, entry: Entry) => {
    const key = name.toLowerCase();
    if (!NOT_PLACES.has(key) && !entries.has(key)) entries.set(key, entry);
  };
  for (const name of Object.keys(AREAS)) add(name, { kind: "area", key: name });
  // An alias whose city is not in the dataset would resolve to nothing: skip it rather than fail at request time.
  for (const [alias, name] of Object.entries(CITY_ALIASES))
    if (cities.has(name)) add(alias, { kind: "city", key: name });
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) add(alias, { kind: "country", key: code });
  for (const country of countries.values()) {
    const cityState = CITY_STATES.has(country.code) && cities.get(country.name.toLowerCase())?.country === country.code;
    add(
      country.name,
      cityState ? { kind: "city", key: country.name.toLowerCase() } : { kind: "country", key: country.code },
    );
  }
  // Cities before states: "New York" is the city far more often than the state.
  for (const [name, city] of cities) if (city.population >= MIN_CITY_POPULATION) add(name, { kind: "city", key: name });
  for (const [name] of usStates) add(name, { kind: "state", key: name });
  const names = [...entries.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  // Longest first so "New York" wins over "York" and "New Jersey" over "Jersey".
  const regex = new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.join("|")})(?![\\p{L}\\p{N}])`, "giu");
  return { regex, entries };
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export interface LocationMatch {
  location: IcpLocation;
  span: [number, number];
}

/** Every place name the parser recognises (for tests that must cover the whole gazetteer). */
export function gazetteerNames(): string[] {
  matcher ??= buildMatcher();
  return [...matcher.entries.keys()];
}

export function findLocations(text: string): LocationMatch[] {
  matcher ??= buildMatcher();
  const found: LocationMatch[] = [];
  for (const m of text.matchAll(matcher.regex)) {
    const entry = matcher.entries.get(m[0].toLowerCase());
    if (!entry) continue;
    found.push({ location: resolve(entry), span: [m.index, m.index + m[0].length] });
  }
  // "US" in capitals only: lower-case "us" is a pronoun.
  for (const m of text.matchAll(/(?<![\p{L}.])(?:US|U\.S\.)(?![\p{L}])/gu)) {
    if (!found.some((f) => f.span[0] <= m.index && m.index < f.span[1]))
      found.push({ location: resolve({ kind: "country", key: "US" }), span: [m.index, m.index + m[0].length] });
  }
  return dedupe(found.sort((a, b) => a.span[0] - b.span[0]));
}

export function resolvePlace(name: string): IcpLocation | null {
  const trimmed = name.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed) && geo().countries.has(trimmed.toUpperCase()))
    return resolve({ kind: "country", key: trimmed.toUpperCase() });
  const [first] = findLocations(trimmed);
  return first?.location ?? null;
}

function resolve(entry: Entry): IcpLocation {
  const { countries, cities, usStates } = geo();
  if (entry.kind === "country") {
    const country = countries.get(entry.key)!;
    return { kind: "country", name: country.name, countries: [country.code], timezones: country.timezones.slice(0, 6) };
  }
  if (entry.kind === "area") {
    const codes = AREAS[entry.key]!;
    const timezones = [...new Set(codes.map((c) => countries.get(c)?.timezones[0]).filter((tz): tz is string => !!tz))];
    return {
      kind: "area",
      name: entry.key.length <= 4 ? entry.key.toUpperCase() : titleCase(entry.key),
      countries: codes,
      timezones,
    };
  }
  if (entry.kind === "state") {
    const state = usStates.get(entry.key)!;
    return { kind: "region", name: state.name, countries: ["US"], regionCode: state.code, timezones: [state.timezone] };
  }
  const city = cities.get(entry.key)!;
  const regionCode = city.stateCode ? `US-${city.stateCode}` : undefined;
  return {
    kind: "city",
    name: city.name,
    countries: [city.country],
    city: city.name,
    ...(regionCode ? { regionCode } : {}),
    timezones: [city.timezone],
  };
}

function titleCase(text: string) {
  return text.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}

function dedupe(matches: LocationMatch[]): LocationMatch[] {
  const seen = new Set<string>();
  return matches.filter(({ location }) => {
    const key = `${location.kind}:${location.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
