// Rules-based ideal-client profile parser. Deterministic: the same words always give the same profile, so
// it is the baseline an LLM may improve and the fallback whenever the LLM fails. The text is normalised
// first (accents, languages, shorthand, typos: icp-normalize.ts), then read field by field; text already read
// is blanked (same length) so later passes neither re-read it nor shift offsets.
import { AppError } from "../lib/app-error";
import { fold, geo } from "./geo";
import { emptyIcp } from "./icp.schema";
import type { Icp, LeadChannel, Need, Range } from "./icp.schema";
import { findLocations, gazetteerNames, resolvePlace } from "./icp-locations";
import type { TypoVocabulary } from "./icp-normalize";
import { buildTypoVocabulary, normaliseDescription } from "./icp-normalize";
import {
  STOP_WORDS,
  findOpenIndustries,
  findOpenNeedPhrases,
  findOpenNeeds,
  findOpenRoles,
  readExclusions,
  readSeller,
} from "./icp-open-terms";
import type { Exclusion } from "./icp-open-terms";
import { parseCompanySize, parseRevenue, skipNonRevenueMoney } from "./icp-quantities";
import { findRoles } from "./icp-roles";
import type { RoleMatch } from "./icp-roles";
import {
  CHANNEL_TERMS,
  CHIEF_TITLES,
  FUNCTIONS,
  INDUSTRIES,
  NEED_TERMS,
  OWNER_TITLES,
  SENIORITY_PHRASES,
} from "./icp-vocabulary";
import { matchListPlaces } from "./list-places";
import { matchListTitles } from "./list-titles";
import type { ListPlace } from "./list-places";
import { matchListIndustries } from "./list-vocabulary";

export interface IcpFilters {
  annualRevenue?: Range;
  companySize?: Range;
  location?: string;
  role?: string;
  channel?: LeadChannel;
  needs?: Need[];
}

/** What the workspace's own lists call things: their industry labels are vocabulary too. */
export interface WorkspaceVocabulary {
  industryLabels: string[];
  /** The towns its leads are in: places the gazetteer may not know. */
  places?: ListPlace[];
  /** Its leads' job titles: roles the parser's vocabulary may not know. */
  titles?: string[];
}

class Cursor {
  constructor(public text: string) {}
  consume([start, end]: [number, number]) {
    this.text = this.text.slice(0, start) + " ".repeat(end - start) + this.text.slice(end);
  }
}

/** Longer than any real description; the rest is not read (and so cannot slow a request down). */
const MAX_CHARS = 2_000;

let typoVocabulary: TypoVocabulary | undefined;
function vocabulary(): TypoVocabulary {
  if (typoVocabulary) return typoVocabulary;
  const sources = [
    ...FUNCTIONS.flatMap((f) => f.patterns),
    ...INDUSTRIES.flatMap((i) => i.patterns),
    ...NEED_TERMS.flatMap((n) => n.patterns),
    ...CHANNEL_TERMS.flatMap((c) => c.patterns),
    ...CHIEF_TITLES.map((c) => c.pattern),
    ...OWNER_TITLES.map((o) => o.pattern),
    ...SENIORITY_PHRASES.map((s) => s.pattern),
  ].map((p) => p.source);
  const words = [
    ...sources.flatMap((s) => s.toLowerCase().match(/[a-z]{4,}/g) ?? []),
    ...gazetteerNames().flatMap((n) => n.split(/[\s,.-]+/)),
    ...`directors managers employees employee revenue million billion thousand startups startup companies
      officers officer technology operations marketing dealerships practices studios agencies agency owners
      founders presidents partners executives heads reachable advertising optimization optimisation ecommerce
      fewer more less under over above below least between exceeding upwards minimum maximum turnover
      headcount whatsapp linkedin instagram facebook twitter hotel hotels restaurant restaurants clinic clinics consultancy consultancies
      director manager officer president founder owner partner executive supervisor coordinator specialist
      franchise franchises franchisee franchisees hostel hostels motel motels`.split(/\s+/),
  ];
  // Every city the datasets name is a real word: never corrected into another place.
  const known = new Set<string>();
  for (const list of geo().citiesByCountry.values())
    for (const c of list) for (const w of c.name.toLowerCase().split(/[\s,.-]+/)) known.add(w);
  typoVocabulary = buildTypoVocabulary(words, known);
  return typoVocabulary;
}

export function parseIcpRules(description: string, filters: IcpFilters = {}, workspace?: WorkspaceVocabulary): Icp {
  const icp = emptyIcp();
  const { text } = normaliseDescription(description.slice(0, MAX_CHARS), vocabulary(), workspaceWords(workspace));
  const cursor = new Cursor(text);
  const soldNeeds = readSeller(cursor);
  const exclusions = readExclusions(cursor, (phrase) => findLocations(phrase).length > 0);
  for (const e of exclusions) {
    if (e.industries.length) cursor.consume(e.span);
    for (const v of e.industries) if (!icp.excludeIndustries.includes(v)) icp.excludeIndustries.push(v);
  }
  const excludedPlaces = readExcludedPlaces(cursor, exclusions);
  const qualifiers = readRoles(cursor, icp);
  for (const { title, span } of matchListTitles(cursor.text, workspace?.titles ?? [])) {
    if (!icp.roles.some((r) => r.toLowerCase() === title.toLowerCase())) icp.roles.push(title);
    if (!icp.listTitles.includes(title)) icp.listTitles.push(title);
    cursor.consume(span);
  }
  // Before industries are read: "helps logistics companies reduce returns" needs the company noun.
  for (const open of findOpenNeeds(cursor.text)) {
    icp.needTerms.push(open.term);
    cursor.consume(open.span);
  }
  for (const money of skipNonRevenueMoney(cursor.text)) cursor.consume(money);
  const revenue = parseRevenue(cursor.text);
  if (revenue) {
    icp.annualRevenue = revenue.range;
    cursor.consume(revenue.span);
  }
  const size = parseCompanySize(cursor.text);
  if (size) {
    icp.companySize = size.range;
    cursor.consume(size.span);
  }
  for (const { location, span } of findLocations(cursor.text)) {
    cursor.consume(span);
    const kept = withoutExcluded(location, excludedPlaces);
    if (kept) icp.locations.push(kept);
  }
  for (const { location, span } of matchListPlaces(cursor.text, workspace?.places ?? [])) {
    cursor.consume(span);
    const kept = withoutExcluded(location, excludedPlaces);
    if (kept && !icp.locations.some((l) => l.kind === "city" && l.name === kept.name)) icp.locations.push(kept);
  }
  const listText = cursor.text;
  icp.industries = readTerms(cursor, INDUSTRIES).filter((i) => !icp.excludeIndustries.includes(i));
  for (const open of findOpenIndustries(cursor.text)) {
    if (icp.industries.length === 0 && !icp.excludeIndustries.includes(open.term)) icp.industries.push(open.term);
    cursor.consume(open.span);
  }
  // "Hotel managers in Nice": with no other industry named, the title's qualifier is the industry.
  if (icp.industries.length === 0)
    for (const q of qualifiers) icp.industries.push(...readTerms(new Cursor(q), INDUSTRIES));
  icp.needs = [...new Set([...soldNeeds, ...readTerms(cursor, NEED_TERMS)])] as Need[];
  icp.channels = readTerms(cursor, CHANNEL_TERMS);
  // A need in the rep's own words only when no listed need was named ("want more bookings through ads" is ads).
  if (icp.needs.length === 0 && icp.needTerms.length === 0)
    for (const open of findOpenNeedPhrases(cursor.text)) {
      if (!icp.needTerms.includes(open.term)) icp.needTerms.push(open.term);
      cursor.consume(open.span);
    }
  icp.keywords = [...description.slice(0, MAX_CHARS).matchAll(/"([^"]{2,60})"/g)].map((m) => m[1]!.trim());
  if (workspace?.industryLabels.length) icp.listIndustries = matchListIndustries(listText, workspace.industryLabels);
  icp.ignored = [...new Set(cursor.text.toLowerCase().match(/\p{L}{3,}/gu) ?? [])]
    .filter((w) => !IGNORABLE.has(w))
    .map((w) => w.slice(0, 40))
    .slice(0, 20);
  icp.understood = understood(icp);
  return applyIcpFilters(icp, filters);
}

/** Words of the workspace's own lists: real words there, never typos to correct. */
function workspaceWords(workspace: WorkspaceVocabulary | undefined): Set<string> | undefined {
  if (!workspace) return undefined;
  const texts = [
    ...workspace.industryLabels,
    ...(workspace.titles ?? []),
    ...(workspace.places ?? []).map((p) => p.city),
  ];
  const words = new Set<string>();
  for (const t of texts)
    for (const w of fold(t)
      .toLowerCase()
      .split(/[^\p{L}]+/u))
      if (w.length >= 4) words.add(w);
  return words;
}

const IGNORABLE = new Set([...STOP_WORDS, ..."need help want looking find reach target via".split(" ")]);

/** Whether the profile names anything to match on (the model may fill what the rules could not). */
export function understood(icp: Icp): boolean {
  return (
    icp.roles.length +
      icp.seniorities.length +
      icp.industries.length +
      icp.excludeIndustries.length +
      icp.locations.length +
      icp.needs.length +
      icp.needTerms.length +
      icp.channels.length +
      icp.keywords.length +
      icp.listIndustries.length >
      0 ||
    icp.companySize !== null ||
    icp.annualRevenue !== null
  );
}

/** Places inside exclusion phrases ("other than Spain", "but not in Porto"): read, blanked, then subtracted. */
function readExcludedPlaces(cursor: Cursor, exclusions: Exclusion[]) {
  const places = { countries: new Set<string>(), names: new Set<string>() };
  for (const e of exclusions) {
    if (e.industries.length) continue;
    const found = findLocations(cursor.text.slice(e.span[0], e.span[1]));
    if (found.length === 0) continue;
    for (const { location } of found) {
      if (location.kind === "country") places.countries.add(location.countries[0]!);
      places.names.add(`${location.kind}:${location.name}`);
    }
    cursor.consume(e.span);
  }
  return places;
}

function withoutExcluded(
  location: Icp["locations"][number],
  excluded: { countries: Set<string>; names: Set<string> },
): Icp["locations"][number] | null {
  if (excluded.names.has(`${location.kind}:${location.name}`)) return null;
  if (location.kind !== "area" || excluded.countries.size === 0) return location;
  return { ...location, countries: location.countries.filter((c) => !excluded.countries.has(c)) };
}

/** Known titles, then titles outside the list; returns the open titles' qualifiers ("hotel" managers). */
function readRoles(cursor: Cursor, icp: Icp): string[] {
  for (const found of findRoles(cursor.text)) {
    const match = withModifier(cursor.text, found);
    if (match.role && !icp.roles.includes(match.role)) icp.roles.push(match.role);
    if (match.fn && !icp.functions.includes(match.fn)) icp.functions.push(match.fn);
    for (const s of match.seniorities) if (!icp.seniorities.includes(s)) icp.seniorities.push(s);
    cursor.consume(match.span);
  }
  const qualifiers: string[] = [];
  for (const open of findOpenRoles(cursor.text)) {
    if (!icp.roles.includes(open.role)) icp.roles.push(open.role);
    for (const s of open.seniorities) if (!icp.seniorities.includes(s)) icp.seniorities.push(s);
    if (open.qualifier) qualifiers.push(open.qualifier);
    cursor.consume(open.span);
  }
  // A bare rank left over ("directors at software companies") still says how senior.
  for (const m of cursor.text.matchAll(BARE_RANK)) {
    const seniority = RANK_SENIORITY[m[1]!.toLowerCase().replace(/s$/, "")]!;
    if (!icp.seniorities.includes(seniority)) icp.seniorities.push(seniority);
    cursor.consume([m.index, m.index + m[0].length]);
  }
  return qualifiers;
}

const BARE_RANK = /\b(directors?|vps?|vice presidents?|managers?)\b/gi;
const RANK_SENIORITY: Record<string, Icp["seniorities"][number]> = {
  director: "director",
  vp: "vp",
  "vice president": "vp",
  manager: "manager",
};

/** Words that make a different job of a function title: "revenue operations manager" is not an operations manager. */
const TITLE_MODIFIERS =
  /(?<![\p{L}-])(revenue|sales|marketing|people|talent|clinical|plant|field|channel|partner|brand|content|business|security|network|cloud|fleet|store|facilities|quality|category|trade|payroll|treasury|tax|risk)\s+$/iu;

function withModifier(text: string, match: RoleMatch): RoleMatch {
  const label = match.role;
  if (!label || !match.fn) return match;
  const m = TITLE_MODIFIERS.exec(text.slice(Math.max(0, match.span[0] - 30), match.span[0]));
  if (!m || label.toLowerCase().includes(m[1]!.toLowerCase())) return match;
  const word = m[1]![0]!.toUpperCase() + m[1]!.slice(1).toLowerCase();
  const of = /^(Director|Head|VP) of /.exec(label);
  const role = of ? label.replace(of[0], `${of[0]}${word} `) : `${word} ${label}`;
  return { ...match, role, span: [match.span[0] - m[0].length, match.span[1]] };
}

/** Values in order of first mention (the first channel named is the preferred one). */
function readTerms<T extends string>(cursor: Cursor, terms: { value: T; patterns: RegExp[] }[]): T[] {
  const hits: { value: T; at: number }[] = [];
  for (const term of terms) {
    for (const pattern of term.patterns) {
      for (const m of cursor.text.matchAll(new RegExp(pattern.source, "gi"))) {
        hits.push({ value: term.value, at: m.index });
        cursor.consume([m.index, m.index + m[0].length]);
      }
    }
  }
  return [...new Set(hits.sort((a, b) => a.at - b.at).map((h) => h.value))];
}

/** Explicit filters replace what the text (or the model) said; `fromFilters` records which. */
export function applyIcpFilters(icp: Icp, filters: IcpFilters): Icp {
  icp.fromFilters = [];
  if (filters.annualRevenue) {
    icp.annualRevenue = filters.annualRevenue;
    icp.fromFilters.push("annualRevenue");
  }
  if (filters.companySize) {
    icp.companySize = filters.companySize;
    icp.fromFilters.push("companySize");
  }
  if (filters.location) {
    const place = resolvePlace(filters.location);
    if (!place)
      throw new AppError("VALIDATION_FAILED", "The request body is not valid.", {
        location: "json",
        fields: { "filters.location": [`We don't know a country, state or city called "${filters.location}".`] },
      });
    icp.locations = [place];
    icp.fromFilters.push("location");
  }
  if (filters.role) {
    const roles = findRoles(filters.role);
    const named = roles.flatMap((r) => (r.role ? [r.role] : []));
    icp.roles = named.length ? named : [filters.role.trim()];
    icp.functions = [...new Set(roles.flatMap((r) => (r.fn ? [r.fn] : [])))];
    icp.seniorities = [...new Set(roles.flatMap((r) => r.seniorities))];
    icp.fromFilters.push("role");
  }
  if (filters.channel) {
    icp.channels = [filters.channel, ...icp.channels.filter((c) => c !== filters.channel)];
    icp.fromFilters.push("channel");
  }
  if (filters.needs?.length) {
    icp.needs = [...new Set(filters.needs)];
    icp.fromFilters.push("needs");
  }
  if (icp.fromFilters.length) icp.understood = true;
  return icp;
}
