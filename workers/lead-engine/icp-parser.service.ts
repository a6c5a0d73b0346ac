// Rules-based ideal-client profile parser. Deterministic: the same words always give the same profile, so
// it is the baseline an LLM may improve and the fallback whenever the LLM fails.
import { AppError } from "../lib/app-error";
import { emptyIcp } from "./icp.schema";
import type { Icp, LeadChannel, Need, Range } from "./icp.schema";
import { findLocations, resolvePlace } from "./icp-locations";
import { parseCompanySize, parseRevenue } from "./icp-quantities";
import { findRoles } from "./icp-roles";
import { CHANNEL_TERMS, INDUSTRIES, NEED_TERMS } from "./icp-vocabulary";

export interface IcpFilters {
  annualRevenue?: Range;
  companySize?: Range;
  location?: string;
  role?: string;
  channel?: LeadChannel;
  needs?: Need[];
}

/** Text we have already read is blanked (same length) so later passes neither re-read it nor shift offsets. */
class Cursor {
  constructor(public text: string) {}
  consume([start, end]: [number, number]) {
    this.text = this.text.slice(0, start) + " ".repeat(end - start) + this.text.slice(end);
  }
}

const EXCLUSION =
  /\b(?:not|no|excluding|exclude|except(?: for)?|other than|but not|without|avoid(?:ing)?|apart from)\s+([^.;,!?]+?)(?=\s*(?:[.;,!?]|\bwho\b|\bthat\b|\bwith\b|$))/gi;

export function parseIcpRules(description: string, filters: IcpFilters = {}): Icp {
  const icp = emptyIcp();
  const cursor = new Cursor(description.normalize("NFC").replace(/\s+/g, " "));
  readExclusions(cursor, icp);
  readRoles(cursor, icp);
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
    icp.locations.push(location);
    cursor.consume(span);
  }
  icp.industries = readTerms(cursor, INDUSTRIES).filter((i) => !icp.excludeIndustries.includes(i));
  icp.needs = readTerms(cursor, NEED_TERMS);
  icp.channels = readTerms(cursor, CHANNEL_TERMS);
  icp.keywords = [...description.matchAll(/"([^"]{2,60})"/g)].map((m) => m[1]!.trim());
  return applyIcpFilters(icp, filters);
}

function readExclusions(cursor: Cursor, icp: Icp) {
  for (const m of cursor.text.matchAll(EXCLUSION)) {
    const excluded = INDUSTRIES.filter((i) => i.patterns.some((p) => p.test(m[1]!))).map((i) => i.value);
    // "without a CRM" names a need, not an exclusion: only industries can be excluded.
    if (excluded.length === 0) continue;
    icp.excludeIndustries.push(...excluded.filter((v) => !icp.excludeIndustries.includes(v)));
    cursor.consume([m.index, m.index + m[0].length]);
  }
}

function readRoles(cursor: Cursor, icp: Icp) {
  for (const match of findRoles(cursor.text)) {
    if (match.role && !icp.roles.includes(match.role)) icp.roles.push(match.role);
    if (match.fn && !icp.functions.includes(match.fn)) icp.functions.push(match.fn);
    for (const s of match.seniorities) if (!icp.seniorities.includes(s)) icp.seniorities.push(s);
    cursor.consume(match.span);
  }
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
  return icp;
}
