// Rules scorer: 0–100 against the ideal-client profile, with the points each criterion earned and the
// reasons in plain words. Candidates that break a hard filter (place, size, revenue, excluded industry)
// are excluded, not ranked low. Pure and allocation-light: it ranks 10,000 candidates in a few ms.
import type { Candidate } from "./candidate";
import { SIGNALS, needsFromSignals } from "./candidate";
import { fold } from "./geo";
import type { Icp, IcpLocation, Range, Seniority } from "./icp.schema";
import { findRoles } from "./icp-roles";
import { subdivisionOf, subdivisions } from "./icp-subdivisions";
import { INDUSTRY_LABELS, RELATED_INDUSTRIES } from "./icp-vocabulary";

export const CRITERIA = {
  role: 30,
  industry: 20,
  location: 10,
  companySize: 10,
  annualRevenue: 5,
  needs: 15,
  channel: 10,
  reachability: 5,
} as const;
export type Criterion = keyof typeof CRITERIA;
/** The most a lead can score when its role or industry does not match the profile. */
export const MISMATCH_CAP = 60;

export type ScoreResult =
  | { excluded: true; reason: string }
  | { excluded: false; score: number; breakdown: Partial<Record<Criterion, number>>; reasons: string[] };

const SENIORITY_RANK: Record<Seniority, number> = {
  owner: 6,
  founder: 6,
  c_suite: 6,
  partner: 5,
  vp: 5,
  head: 4,
  director: 4,
  manager: 3,
  senior: 2,
  entry: 1,
};

const words = (t: string) =>
  fold(t)
    .toLowerCase()
    .match(/\p{L}+/gu) ?? [];
const singular = (w: string) => w.replace(/(?<=\p{L}{3})s$/u, "");

const titleCache = new Map<string, { roles: string[]; fns: string[]; seniorities: Seniority[]; words: Set<string> }>();
function readTitle(title: string) {
  let parsed = titleCache.get(title);
  if (!parsed) {
    const roles = findRoles(title);
    parsed = {
      roles: roles.flatMap((r) => (r.role ? [r.role] : [])),
      fns: roles.flatMap((r) => (r.fn ? [r.fn] : [])),
      seniorities: roles.flatMap((r) => r.seniorities),
      words: new Set(words(title).map(singular)),
    };
    if (titleCache.size < 50_000) titleCache.set(title, parsed);
  }
  return parsed;
}

interface Fit {
  fit: number;
  reason?: string;
  /** The lead is not what the profile asked for on this criterion: its score is capped. */
  mismatch?: boolean;
}

/** Leads that run the company: asked for one, another is close ("Founder" for "CEO"). */
const COMPANY_HEADS = new Set(["CEO", "Founder", "Owner", "Managing Director", "President"]);

/** A title outside the known list ("Fleet Manager") matches when the lead's title has all its words. */
/** The words of each title the profile asks for, once per profile (the scorer sees thousands of leads). */
const wantedWords = new WeakMap<Icp, string[][]>();
function hasOpenRole(icp: Icp, have: Set<string>): string | undefined {
  let wants = wantedWords.get(icp);
  if (!wants) {
    wants = icp.roles.map((r) => words(r).map(singular));
    wantedWords.set(icp, wants);
  }
  // One-word titles only when the workspace's own list has them ("Principal"): "Owner" alone would match "Product Owner".
  const i = wants.findIndex(
    (want, k) => (want.length > 1 || icp.listTitles.includes(icp.roles[k]!)) && want.every((w) => have.has(w)),
  );
  return i === -1 ? undefined : icp.roles[i];
}

function roleFit(icp: Icp, c: Candidate): Fit {
  const title = c.jobTitle ?? "";
  const parsed = readTitle(title);
  const seniorities = c.seniority ? [c.seniority, ...parsed.seniorities] : parsed.seniorities;
  const exact = parsed.roles.find((r) => icp.roles.includes(r)) ?? hasOpenRole(icp, parsed.words);
  // A title of the workspace's own list asked for by name: the title itself first, one that contains it next
  // ("Principal" before "Vice Principal").
  if (exact && icp.listTitles.includes(exact) && fold(title).toLowerCase().trim() !== fold(exact).toLowerCase())
    return { fit: 0.8, reason: `Partial match: ${title}, close to the ${exact} you asked for` };
  if (exact) return { fit: 1, reason: `${title} — the role you asked for` };
  if (icp.roles.length === 0 && seniorities.some((s) => icp.seniorities.includes(s)))
    return { fit: 1, reason: `${title} — a decision maker at the level you asked for` };
  const asked = icp.roles.length ? icp.roles.join(" or ") : "the level you asked for";
  const shown = parsed.roles[0] ?? (title || "Unknown title");
  if (
    icp.roles.length &&
    icp.roles.every((r) => COMPANY_HEADS.has(r)) &&
    parsed.roles.some((r) => COMPANY_HEADS.has(r))
  )
    return { fit: 0.9, reason: `${title} — runs the company, close to the ${asked} you asked for` };
  const sameFn = parsed.fns.some((f) => icp.functions.includes(f));
  const wanted = Math.max(...icp.seniorities.map((s) => SENIORITY_RANK[s]), 0);
  const has = Math.max(...seniorities.map((s) => SENIORITY_RANK[s]), 0);
  if (sameFn) {
    const gap = Math.abs(wanted - has);
    return {
      fit: gap <= 1 ? 0.6 : 0.4,
      reason: `Partial match: ${shown}, not ${asked} (right department${gap <= 1 ? ", close in seniority" : ""})`,
      mismatch: icp.roles.length > 0,
    };
  }
  if (icp.roles.length === 0 && icp.functions.length === 0 && has >= wanted - 1)
    return { fit: 0.5, reason: `${title} — senior enough to decide` };
  return { fit: 0.1, reason: `${shown}, not ${asked}`, mismatch: true };
}

const stemsOf = (t: string) => words(t).map(singular);

/** A term in the rep's words ("mining") found in the lead's industry or its list's label. */
function openIndustryHit(icp: Icp, c: Candidate): string | undefined {
  if (icp.industries.every((i) => INDUSTRY_LABELS[i])) return undefined;
  const have = new Set([...stemsOf(c.industryLabel ?? ""), ...stemsOf(c.industry ?? "")]);
  return icp.industries.find((i) => !INDUSTRY_LABELS[i] && stemsOf(i).every((w) => have.has(w)));
}

/** "Fintech / Banking": what the profile asked for, in words, once per profile. */
const askedIndustries = new WeakMap<Icp, string>();
function askedIndustryText(icp: Icp): string {
  let text = askedIndustries.get(icp);
  if (text === undefined) {
    const asked = [...icp.listIndustries, ...icp.industries.map((i) => INDUSTRY_LABELS[i] ?? i)];
    text = [...new Set(asked)].slice(0, 3).join(" / ");
    askedIndustries.set(icp, text);
  }
  return text;
}

function industryFit(icp: Icp, c: Candidate): Fit {
  const label = c.industryLabel ?? (c.industry ? (INDUSTRY_LABELS[c.industry] ?? c.industry) : null);
  if (c.industryLabel && icp.listIndustries.includes(c.industryLabel))
    return { fit: 1, reason: `${c.industryLabel} — the industry you described, as your list names it` };
  if (!c.industry && !c.industryLabel) return { fit: 0.3, reason: "Industry unknown" };
  const canonical = !!c.industry && icp.industries.includes(c.industry);
  const open = openIndustryHit(icp, c);
  if (canonical || open) {
    // Your own list names something closer: this one is only a partial match.
    if (icp.listIndustries.length)
      return { fit: 0.7, reason: `Partial match: ${label}, not exactly ${icp.listIndustries.slice(0, 2).join(" / ")}` };
    return { fit: 1, reason: `${label} company` };
  }
  if (c.industry && icp.industries.some((i) => RELATED_INDUSTRIES[i]?.includes(c.industry!)))
    return { fit: 0.5, reason: `Partial match: ${label}, close to ${askedIndustryText(icp)}`, mismatch: true };
  return { fit: 0, reason: `${label}, not ${askedIndustryText(icp)}`, mismatch: true };
}

/** ISO 3166-2 code of a lead's region ("Texas", "TX", "Bayern" → US-TX, US-TX, DE-BY). */
function regionCodeOf(country: string, region: string): string | undefined {
  if (/^[A-Za-z0-9]{1,3}$/.test(region.trim())) return `${country}-${region.trim().toUpperCase()}`;
  const sub = subdivisions().byName.get(fold(region).toLowerCase().trim());
  return sub?.country === country ? sub.code : subdivisionOf(country, region)?.code;
}

function inPlace(loc: IcpLocation, c: Candidate): boolean | null {
  if (!c.country) return null;
  if (!loc.countries.includes(c.country)) return false;
  if (loc.kind === "city") return !!c.city && fold(c.city).toLowerCase() === fold(loc.city ?? loc.name).toLowerCase();
  if (loc.kind === "region")
    return (
      !!c.region &&
      (fold(c.region).toLowerCase() === fold(loc.name).toLowerCase() ||
        (!!loc.regionCode && regionCodeOf(c.country, c.region) === loc.regionCode))
    );
  return true;
}

function inRange(value: number | null, range: Range | null): boolean | null {
  if (!range) return true;
  if (value === null) return null;
  return (range.min === undefined || value >= range.min) && (range.max === undefined || value <= range.max);
}

const formatRange = (r: Range, money: boolean) => {
  const f = (n: number) => (money ? `$${compact(n)}` : compact(n));
  if (r.min !== undefined && r.max !== undefined) return `${f(r.min)}–${f(r.max)}`;
  return r.min !== undefined ? `${f(r.min)}+` : `up to ${f(r.max!)}`;
};
export const compact = (n: number) =>
  new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 }).format(n);

/** Hard filters first; `null` means "not known yet" (e.g. before enrichment) and does not exclude. */
function hardFilterViolation(icp: Icp, c: Candidate): string | null {
  if (c.industry && icp.excludeIndustries.includes(c.industry))
    return `${INDUSTRY_LABELS[c.industry] ?? c.industry} is excluded`;
  if (icp.locations.length > 0) {
    const results = icp.locations.map((l) => inPlace(l, c));
    if (!results.includes(true) && !results.includes(null))
      return `outside ${icp.locations.map((l) => l.name).join(", ")}`;
  }
  if (inRange(c.companySize, icp.companySize) === false)
    return `${compact(c.companySize!)} employees is outside ${formatRange(icp.companySize!, false)}`;
  if (inRange(c.annualRevenue, icp.annualRevenue) === false)
    return `revenue $${compact(c.annualRevenue!)} is outside ${formatRange(icp.annualRevenue!, true)}`;
  return null;
}

function needsFit(icp: Icp, c: Candidate): Fit {
  const has = needsFromSignals(c.signals);
  const matched = icp.needs.filter((n) => has.includes(n));
  if (matched.length === 0) return { fit: 0.2, reason: "No visible sign of the needs you named" };
  const why = c.signals.filter((s) => matched.includes(SIGNALS[s].need as never)).map((s) => SIGNALS[s].reason);
  return { fit: matched.length / icp.needs.length, reason: `Signals: ${why.join(", ")}` };
}

function channelFit(icp: Icp, c: Candidate): Fit {
  const channels = new Set(c.channels.map((h) => h.channel));
  const [preferred] = icp.channels;
  if (preferred && channels.has(preferred))
    return { fit: 1, reason: `Reachable on ${channelLabel(preferred)}, your preferred channel` };
  const other = icp.channels.find((ch) => channels.has(ch));
  if (other) return { fit: 0.7, reason: `Reachable on ${channelLabel(other)}` };
  return { fit: 0.2, reason: `Not on ${channelLabel(preferred!)}` };
}

export const channelLabel = (channel: string) =>
  ({
    whatsapp: "WhatsApp",
    linkedin: "LinkedIn",
    instagram: "Instagram",
    facebook: "Facebook",
    x: "X",
    email: "e-mail",
    phone: "phone",
  })[channel] ?? channel;

export function scoreCandidate(icp: Icp, c: Candidate): ScoreResult {
  const violation = hardFilterViolation(icp, c);
  if (violation) return { excluded: true, reason: violation };
  const fits: [Criterion, Fit][] = [];
  if (icp.roles.length || icp.seniorities.length) fits.push(["role", roleFit(icp, c)]);
  if (icp.industries.length || icp.listIndustries.length) fits.push(["industry", industryFit(icp, c)]);
  if (icp.locations.length) {
    const known = c.country !== null;
    const place = [c.city, c.country].filter(Boolean).join(", ");
    fits.push([
      "location",
      known ? { fit: 1, reason: `Based in ${place}` } : { fit: 0.5, reason: "Location not confirmed yet" },
    ]);
  }
  if (icp.companySize)
    fits.push([
      "companySize",
      c.companySize !== null
        ? { fit: 1, reason: `${compact(c.companySize)} employees` }
        : { fit: 0.5, reason: "Company size unknown" },
    ]);
  if (icp.annualRevenue)
    fits.push([
      "annualRevenue",
      c.annualRevenue !== null
        ? { fit: 1, reason: `Revenue about $${compact(c.annualRevenue)}` }
        : { fit: 0.5, reason: "Revenue unknown" },
    ]);
  if (icp.needs.length) fits.push(["needs", needsFit(icp, c)]);
  if (icp.channels.length) fits.push(["channel", channelFit(icp, c)]);
  const reachable = c.channels.length;
  fits.push([
    "reachability",
    {
      fit: Math.min(1, reachable / 3),
      reason: reachable ? `${reachable} ways to reach them` : "No contact details yet",
    },
  ]);

  // Nothing in the description was understood: there is nothing to match, so nothing is a strong match.
  if (!icp.understood)
    return {
      excluded: false,
      score: Math.min(20, Math.round(fits.reduce((n, [, f]) => n + f.fit, 0) * 20)),
      breakdown: {},
      reasons: [
        `Not a match for anything you asked: we could not read a role, industry or place in your description${icp.ignored.length ? ` (ignored: ${icp.ignored.slice(0, 5).join(", ")})` : ""}`,
      ],
    };
  const total = fits.reduce((sum, [k]) => sum + CRITERIA[k], 0);
  const breakdown: Partial<Record<Criterion, number>> = {};
  let score = 0;
  for (const [k, { fit }] of fits) {
    const points = (CRITERIA[k] * fit * 100) / total;
    breakdown[k] = Math.round(points * 10) / 10;
    score += points;
  }
  // Strongest evidence first, so the first reason explains most of the score.
  const reasons = fits
    .slice()
    .sort((a, b) => CRITERIA[b[0]] * b[1].fit - CRITERIA[a[0]] * a[1].fit)
    .flatMap(([, f]) => (f.reason ? [f.reason] : []));
  // A lead whose role or industry is not the one asked for is at most a partial match, whatever else fits.
  // Scaled rather than clipped, so mismatched leads keep their order among themselves.
  const capped = fits.some(([, f]) => f.mismatch) ? (score * MISMATCH_CAP) / 100 : score;
  return { excluded: false, score: Math.round(capped), breakdown, reasons };
}
