// Finds places in a description and resolves them with the sentence's own context: countries (any of five
// languages), states and provinces (names and codes, inside and outside the US), named groups of states
// ("Pacific Northwest"), business areas ("DACH") and cities. An ambiguous city follows what comes right after
// it ("Springfield, Illinois", "Perth, Scotland", "Córdoba, Argentina") or, failing that, the other places in
// the sentence, and only then the most populous namesake; a town no dataset lists is still a place when the
// sentence names its state ("Paris, Texas").
import type { City } from "./geo";
import { fold, geo } from "./geo";
import type { IcpLocation } from "./icp.schema";
import { AREAS, CITY_ALIASES, COUNTRY_ALIASES, NOT_PLACES, foreignCountryNames } from "./icp-place-names";
import type { Subdivision } from "./icp-subdivisions";
import { US_REGIONS, subdivisionOf, subdivisions } from "./icp-subdivisions";

/** City-states: the country's name is also the city's. */
const CITY_STATES = new Set(["SG", "HK", "MO", "MC"]);
const MIN_CITY_POPULATION = 150_000;
/** State codes that are also English words in capitals; only read as places right after a city. */
const WORDLIKE_CODES = new Set(
  "IN OR ME OK HI AS ON LA DE SA NT ACT TAS AL CO PE NL AB PR ID MS MD VA VI GU MP UM".split(" "),
);

type Entry =
  | { kind: "country" | "area" | "usRegion"; key: string }
  | { kind: "city"; key: string }
  | { kind: "state"; code: string }
  | { kind: "georgia" };

interface Matcher {
  /** Names as their words joined by one space ("washington d c") → what they are. */
  entries: Map<string, Entry>;
  /** Names written with a comma inside ("washington, d.c."), which may keep it in the text. */
  withComma: Set<string>;
  longest: number;
  /** Every city of a name (lower-cased, folded), most populous first. */
  namesakes: Map<string, City[]>;
}
let matcher: Matcher | undefined;

const wordsOf = (name: string) =>
  fold(name)
    .toLowerCase()
    .replace(/ß/g, "ss")
    .match(/[\p{L}\p{N}]+/gu) ?? [];

function buildMatcher(): Matcher {
  const { countries, cities, citiesByCountry } = geo();
  const entries = new Map<string, Entry>();
  const withComma = new Set<string>();
  let longest = 1;
  const add = (name: string, entry: Entry, always = false) => {
    const folded = fold(name).toLowerCase();
    const words = wordsOf(name);
    const key = words.join(" ");
    if (!key || (!always && NOT_PLACES.has(folded))) return;
    if (folded.includes(",")) withComma.add(key);
    if (entries.has(key)) return;
    entries.set(key, entry);
    longest = Math.max(longest, words.length);
  };
  add("georgia", { kind: "georgia" }, true);
  for (const name of Object.keys(AREAS)) add(name, { kind: "area", key: name });
  for (const name of Object.keys(US_REGIONS)) add(name, { kind: "usRegion", key: name });
  for (const [name, sub] of subdivisions().byName)
    if (/\s/.test(name) && name.endsWith("state")) add(name, { kind: "state", code: sub.code });
  // "the province of Quebec", "Quebec province", "state of Jalisco": the word says it is not the city.
  for (const [name, sub] of subdivisions().byName)
    for (const form of [`province of ${name}`, `${name} province`, `state of ${name}`, `${name} state`])
      add(form, { kind: "state", code: sub.code });
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
  for (const [name, code] of foreignCountryNames()) if (countries.has(code)) add(name, { kind: "country", key: code });
  // Cities before states: "New York" is the city far more often than the state.
  for (const [name, city] of cities) if (city.population >= MIN_CITY_POPULATION) add(name, { kind: "city", key: name });
  // A state's name is the state even where a city of that name is an everyday word ("Victoria").
  for (const [name, sub] of subdivisions().byName) add(name, { kind: "state", code: sub.code }, name === "victoria");
  const namesakes = new Map<string, City[]>();
  for (const list of citiesByCountry.values())
    for (const city of list) {
      const key = wordsOf(city.name).join(" ");
      namesakes.set(key, [...(namesakes.get(key) ?? []), city]);
    }
  for (const list of namesakes.values()) list.sort((a, b) => b.population - a.population);
  return { entries, withComma, longest, namesakes };
}

interface NameHit {
  key: string;
  entry: Entry;
  span: [number, number];
}

/**
 * Place names in the text, longest first ("New York" over "York"), by looking word runs up in the index —
 * a dictionary look-up per word, not one regular expression of thousands of names.
 */
function scanNames(text: string, m: Matcher, onlyAt?: number): NameHit[] {
  const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  const hits: NameHit[] = [];
  for (let i = 0; i < words.length; i++) {
    if (onlyAt !== undefined && words[i]!.index !== onlyAt) {
      if (words[i]!.index > onlyAt) break;
      continue;
    }
    for (let n = Math.min(m.longest, words.length - i); n >= 1; n--) {
      const run = words.slice(i, i + n);
      const key = run.map((w) => w[0].toLowerCase().replace(/ß/g, "ss")).join(" ");
      const entry = m.entries.get(key);
      if (!entry) continue;
      const gaps = run.slice(1).map((w, k) => text.slice(run[k]!.index + run[k]![0].length, w.index));
      if (gaps.some((g) => g.length > 3 || (/[,;:()]/.test(g) && !m.withComma.has(key)))) continue;
      const last = run[n - 1]!;
      hits.push({ key, entry, span: [run[0]!.index, last.index + last[0].length] });
      i += n - 1;
      break;
    }
    if (onlyAt !== undefined) break;
  }
  return hits;
}

export interface LocationMatch {
  location: IcpLocation;
  span: [number, number];
}

/** Every place name the parser recognises (for tests that must cover the whole gazetteer). */
export function gazetteerNames(): string[] {
  matcher ??= buildMatcher();
  return [...matcher.entries.keys()].filter((k) => matcher!.entries.get(k)!.kind !== "georgia");
}

/** What a qualifier right after a city can mean: a state/province or a country. */
interface Qualifier {
  countries: string[];
  subdivisions: Subdivision[];
  /** Codes of other countries' subdivisions: they confirm a city of that country, never place a town. */
  otherSubdivisions?: Subdivision[];
  span: [number, number];
}

/** ", Illinois" / ", MA" / ", Scotland" / " (Argentina)" right after a place name. */
function qualifierAt(text: string, at: number, m: Matcher): Qualifier | null {
  const lead = /^\s*(?:,|\(|-)?\s*/u.exec(text.slice(at));
  if (!lead) return null;
  const start = at + lead[0].length;
  const code = /^(\p{L}{2,3})(?![\p{L}\p{N}])/u.exec(text.slice(start))?.[1];
  const upper = code?.toUpperCase() ?? "";
  const written = !!code && lead[0].length > 0 && (code === upper || lead[0].includes(","));
  const span: [number, number] = [start, start + (code?.length ?? 0)];
  const subs = written ? (subdivisions().byShort.get(upper) ?? []) : [];
  if (subs.length) return { countries: [], subdivisions: subs, span };
  const named = qualifierNamed(text, start, m);
  const anyCountry = written ? (subdivisions().byShortAnyCountry.get(upper) ?? []) : [];
  if (named || anyCountry.length === 0) return named;
  // "Curitiba, PR": a code of the city's own country (not one a rep writes alone) also says which city.
  return { countries: [], subdivisions: [], otherSubdivisions: anyCountry, span };
}

/** ", Illinois" / ", Scotland" / ", UK": a state or country by name. */
function qualifierNamed(text: string, start: number, m: Matcher): Qualifier | null {
  const [name] = scanNames(text, m, start);
  if (!name) return null;
  const { entry, span } = name;
  // "Curitiba, Paraná": after a comma, a name that is both a city and a state may be the state — when a city of
  // that state comes before it ("New York, São Paulo" is two cities).
  const state = entry.kind === "city" ? subdivisions().byName.get(name.key) : undefined;
  if (state) return { countries: [], subdivisions: [], otherSubdivisions: [state], span };
  if (entry.kind === "country") return { countries: [entry.key], subdivisions: [], span };
  if (entry.kind === "state") return { countries: [], subdivisions: [subdivisions().byCode.get(entry.code)!], span };
  if (entry.kind === "georgia") return { countries: ["GE"], subdivisions: [subdivisions().byCode.get("US-GA")!], span };
  return null;
}

const cityFits = (city: City, q: Qualifier) =>
  q.countries.includes(city.country) ||
  [...q.subdivisions, ...(q.otherSubdivisions ?? [])].some(
    (s) =>
      s.country === city.country &&
      (city.stateCode
        ? `US-${city.stateCode}` === s.code
        : subdivisionOf(city.country, city.province)?.code === s.code),
  );

export function findLocations(text: string): LocationMatch[] {
  matcher ??= buildMatcher();
  const m = matcher;
  const found: LocationMatch[] = [];
  const taken = (start: number, end: number) => found.some((f) => start < f.span[1] && end > f.span[0]);
  const pending: { entry: Entry; span: [number, number] }[] = [];
  // "Town, ST" first: the qualifier decides which town, even one too small for the gazetteer.
  for (const t of text.matchAll(/(?<![\p{L}])(\p{Lu}[\p{L}'.-]+(?: \p{Lu}[\p{L}'.-]+){0,2})(?=\s*,\s*\p{L})/gu)) {
    const name = wordsOf(t[1]!).join(" ");
    const q = qualifierAt(text, t.index + t[0].length, m);
    if (!q || (m.entries.has(name) && m.entries.get(name)!.kind !== "city" && !NOT_PLACES.has(name))) continue;
    const alias = wordsOf(CITY_ALIASES[name] ?? name).join(" ");
    const city = (m.namesakes.get(alias) ?? []).find((c) => cityFits(c, q));
    const sub = q.subdivisions[0];
    if (city) found.push({ location: cityLocation(city), span: [t.index, q.span[1]] });
    else if (sub && (!m.entries.has(name) || m.entries.get(name)!.kind === "city") && q.subdivisions.length === 1)
      found.push({ location: townLocation(t[1]!, sub), span: [t.index, q.span[1]] });
  }
  for (const { entry, span } of scanNames(text, m)) {
    if (taken(...span)) continue;
    if (entry.kind === "city") {
      const q = qualifierAt(text, span[1], m);
      const namesakes = m.namesakes.get(wordsOf(entry.key).join(" ")) ?? [geo().cities.get(entry.key)!];
      const city = (q && namesakes.find((c) => cityFits(c, q))) || undefined;
      if (city && q) {
        found.push({ location: cityLocation(city), span: [span[0], q.span[1]] });
        continue;
      }
    }
    // "Ontario, Canada": the country only says which Ontario.
    if (entry.kind === "state") {
      const sub = subdivisions().byCode.get(entry.code)!;
      const q = qualifierAt(text, span[1], m);
      if (q?.countries.includes(sub.country)) {
        pending.push({ entry, span: [span[0], q.span[1]] });
        continue;
      }
    }
    pending.push({ entry, span });
  }
  // Bare state codes in capitals: "in FL", "across NSW" (not "IN", "OR" … which are words).
  for (const c of text.matchAll(/(?<![\p{L}\p{N}.])(\p{Lu}{2,3})(?![\p{L}\p{N}])/gu)) {
    const span: [number, number] = [c.index, c.index + c[0].length];
    if (WORDLIKE_CODES.has(c[1]!) || taken(...span) || pending.some((p) => p.span[0] < span[1] && span[0] < p.span[1]))
      continue;
    if (c[1] === "US") {
      pending.push({ entry: { kind: "country", key: "US" }, span });
      continue;
    }
    // "LA" is Los Angeles far more often than Louisiana.
    if (c[1] === "LA") {
      pending.push({ entry: { kind: "city", key: "los angeles" }, span });
      continue;
    }
    const subs = subdivisions().byShort.get(c[1]!);
    if (subs?.length) pending.push({ entry: { kind: "state", code: subs[0]!.code }, span });
  }
  // Context for what is still ambiguous: the countries the sentence names for sure.
  const sure = new Set(found.flatMap((f) => f.location.countries));
  for (const p of pending)
    if (p.entry.kind === "country" || p.entry.kind === "city") sure.add(resolve(p.entry, sure).countries[0]!);
  for (const p of pending) {
    if (p.entry.kind === "state") {
      const sub = subdivisions().byCode.get(p.entry.code)!;
      const other = subdivisions()
        .byShort.get(sub.short)
        ?.find((s) => s.country !== sub.country && sure.has(s.country));
      if (other && !sure.has(sub.country) && text.slice(...p.span) === sub.short)
        p.entry = { kind: "state", code: other.code };
    }
    for (const location of resolveAll(p.entry, sure)) found.push({ location, span: p.span });
  }
  return dedupe(found.sort((a, b) => a.span[0] - b.span[0]));
}

export function resolvePlace(name: string): IcpLocation | null {
  const trimmed = name.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed) && geo().countries.has(trimmed.toUpperCase()))
    return countryLocation(trimmed.toUpperCase());
  const [first] = findLocations(fold(trimmed));
  return first?.location ?? null;
}

function countryLocation(code: string): IcpLocation {
  const country = geo().countries.get(code)!;
  return { kind: "country", name: country.name, countries: [country.code], timezones: country.timezones.slice(0, 6) };
}

function regionLocation(sub: Subdivision): IcpLocation {
  const { usStates, countries } = geo();
  const state = sub.country === "US" ? [...usStates.values()].find((s) => s.code === sub.code) : undefined;
  const biggest = geo()
    .citiesByCountry.get(sub.country)
    ?.find((c) =>
      c.stateCode ? `US-${c.stateCode}` === sub.code : subdivisionOf(c.country, c.province)?.code === sub.code,
    );
  const timezone = state?.timezone ?? biggest?.timezone ?? countries.get(sub.country)?.timezones[0];
  return {
    kind: "region",
    name: state?.name ?? sub.name,
    countries: [sub.country],
    regionCode: sub.code,
    timezones: timezone ? [timezone] : [],
  };
}

function cityLocation(city: City): IcpLocation {
  const regionCode = city.stateCode ? `US-${city.stateCode}` : subdivisionOf(city.country, city.province)?.code;
  return {
    kind: "city",
    name: city.name,
    countries: [city.country],
    city: city.name,
    ...(regionCode ? { regionCode } : {}),
    timezones: [city.timezone],
  };
}

/** A town the datasets do not list, placed by the state the sentence names. */
function townLocation(name: string, sub: Subdivision): IcpLocation {
  const region = regionLocation(sub);
  return {
    kind: "city",
    name,
    countries: [sub.country],
    city: name,
    regionCode: sub.code,
    timezones: region.timezones,
  };
}

function resolve(entry: Entry, sure: Set<string>): IcpLocation {
  return resolveAll(entry, sure)[0]!;
}

function resolveAll(entry: Entry, sure: Set<string>): IcpLocation[] {
  const { countries, cities } = geo();
  if (entry.kind === "country") return [countryLocation(entry.key)];
  if (entry.kind === "state") return [regionLocation(subdivisions().byCode.get(entry.code)!)];
  // Georgia the country only when the sentence points outside the US; otherwise the state.
  if (entry.kind === "georgia")
    return [
      sure.size > 0 && !sure.has("US") ? countryLocation("GE") : regionLocation(subdivisions().byCode.get("US-GA")!),
    ];
  if (entry.kind === "usRegion")
    return US_REGIONS[entry.key]!.map((s) => regionLocation(subdivisions().byCode.get(`US-${s}`)!));
  if (entry.kind === "area") {
    const codes = AREAS[entry.key]!;
    const timezones = [...new Set(codes.map((c) => countries.get(c)?.timezones[0]).filter((tz): tz is string => !!tz))];
    return [
      {
        kind: "area",
        name: entry.key.length <= 4 ? entry.key.toUpperCase() : titleCase(entry.key),
        countries: codes,
        timezones,
      },
    ];
  }
  // A city with namesakes abroad follows the countries the sentence names ("Valencia … Spain").
  const namesakes = matcher?.namesakes.get(wordsOf(entry.key).join(" ")) ?? [];
  const city = namesakes.find((c) => sure.has(c.country)) ?? cities.get(entry.key)!;
  return [cityLocation(city)];
}

function titleCase(text: string) {
  return text.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}

function dedupe(matches: LocationMatch[]): LocationMatch[] {
  const seen = new Set<string>();
  return matches.filter(({ location }) => {
    const key = `${location.kind}:${location.name}:${location.regionCode ?? ""}:${location.countries[0]}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
