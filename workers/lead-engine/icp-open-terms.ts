// What the closed vocabularies cannot hold: the rep's own product (not the target), exclusions scoped to
// their phrase (industries, sub-segments and places), and roles, industries and needs no list names —
// kept in the rep's words ("Fleet Manager", "reduce returns") so matching can still use them.
import type { Seniority } from "./icp.schema";
import { INDUSTRIES, NEED_TERMS } from "./icp-vocabulary";

export interface TextCursor {
  text: string;
  consume(span: [number, number]): void;
}

export const STOP_WORDS = new Set(
  `a an the of in at on for to and or with by from who that which our my your their its this these those any all
  some more most less other such very new top best good big small large local b2b b2c b2b2c need needs them
  they we i us you it is are be based near around across within reachable via using through only also just
  interested like please companies company firms firm businesses business brands people`.split(/\s+/),
);
const STOP = STOP_WORDS;

/**
 * "We sell CRM software to …", "I run a marketing agency and …", "Our SaaS helps …", "As a web studio, …",
 * "Our agency does SEO for …".
 */
const SELLER: RegExp[] = [
  /\bas an? [^,.;]{2,40}?,/gi,
  /\b(?:we|i)(?:'re|'m|\s+are|\s+am)\s+an?\s+[^,.;]{2,50}?(?=\s+(?:looking|and|that|who|which|wanting|trying|targeting|seeking|helping)\b|[,.;]|$)/gi,
  /\b(?:we|i)\s+(?:provide|sell|offer|build|make|run|own|develop|supply|market|do)\s+[^,.;]{2,60}?(?=\s+(?:to|and|for|looking|that|who|which)\b|[,.;]|$)/gi,
  /\b(?:our|my)\s+(?:[\w-]+\s+){0,3}?(?:helps?|serves?|lets?|enables?|is|works with)\b/gi,
  // "our agency does SEO for law firms": what the rep's company does is what the target needs.
  /\b(?:our|my)\s+(?:[\w-]+\s+){0,3}?(?:does|provides|offers|sells|builds|makes|runs|delivers)\s+[^,.;]{2,60}?(?=\s+(?:to|for|and|that|who|which)\b|[,.;]|-\s|$)/gi,
];

/** Reads and blanks the rep's own offer; what it names as a need is what the target needs ("we sell CRM"). */
export function readSeller(cursor: TextCursor): string[] {
  const needs: string[] = [];
  for (const pattern of SELLER) {
    for (const m of cursor.text.matchAll(pattern)) {
      for (const term of NEED_TERMS) if (term.patterns.some((p) => p.test(m[0]))) needs.push(term.value);
      cursor.consume([m.index, m.index + m[0].length]);
    }
  }
  return needs;
}

// The phrase a negation governs ends at punctuation, a spaced dash or the next clause: "no agencies - heads of
// marketing at …" excludes agencies only.
const EXCLUSION =
  /\b(?:but not|but no|not|no|excluding|exclude|except(?: for)?|other than|without|avoid(?:ing)?|apart from|besides|minus|outside(?: of)?|anything but|any but|all but|skip(?:ping)?|leave out|leaving out|not including|never)\s+([^.;,!?]+?)(?=\s*(?:[.;,!?]|-\s|\bwho\b|\bthat\b|\bwith\b|\breachable\b|$))/gi;

export interface Exclusion {
  industries: string[];
  /** The phrase, to read places out of. */
  phrase: string;
  span: [number, number];
}

/** Exclusion phrases; an excluded sub-segment of a wanted industry ("healthcare but not hospitals") stays a term. */
export function readExclusions(cursor: TextCursor, namesPlace: (phrase: string) => boolean): Exclusion[] {
  const found: Exclusion[] = [];
  for (const m of cursor.text.matchAll(EXCLUSION)) {
    const phrase = m[1]!.trim();
    // "no more than 50 employees" is a bound, not an exclusion.
    if (/^(?:more|less|fewer|later|earlier|longer|bigger|smaller)\b|^\d/i.test(phrase)) continue;
    found.push({ industries: [], phrase, span: [m.index, m.index + m[0].length] });
  }
  if (found.length === 0) return found;
  let outside = cursor.text;
  for (const e of found)
    outside = outside.slice(0, e.span[0]) + " ".repeat(e.span[1] - e.span[0]) + outside.slice(e.span[1]);
  const wanted = new Set(INDUSTRIES.filter((i) => i.patterns.some((p) => p.test(outside))).map((i) => i.value));
  for (const e of found) {
    for (const i of INDUSTRIES) {
      const hit = i.patterns.map((p) => p.exec(e.phrase)).find(Boolean);
      if (!hit) continue;
      e.industries.push(wanted.has(i.value) ? hit[0].toLowerCase() : i.value);
    }
    if (e.industries.length === 0 && !namesPlace(e.phrase)) {
      const words = e.phrase
        .toLowerCase()
        .split(/\s+/)
        .filter((w) => !STOP.has(w));
      const needLike = NEED_TERMS.some((t) => t.patterns.some((p) => p.test(e.phrase)));
      if (words.length >= 1 && words.length <= 2 && !needLike && words.every((w) => /^[a-z][a-z-]{3,}$/.test(w)))
        e.industries.push(words.join(" "));
    }
  }
  return found;
}

export interface OpenRole {
  role: string;
  seniorities: Seniority[];
  /** The qualifier ("hotel" in "hotel managers"), which may also name the industry. */
  qualifier: string;
  span: [number, number];
}

const SENIORITY_OF: Record<string, Seniority[]> = {
  manager: ["manager"],
  director: ["director"],
  head: ["head"],
  supervisor: ["manager"],
  superintendent: ["manager"],
  administrator: ["manager"],
  coordinator: ["entry"],
  buyer: [],
  counsel: [],
  officer: [],
  engineer: ["senior"],
};
const titleCase = (t: string) => t.replace(/(^|[\s-])(\p{L})/gu, (_m, s: string, c: string) => s + c.toUpperCase());
const singular = (w: string) => (/ies$/.test(w) ? `${w.slice(0, -3)}y` : w.replace(/s$/, ""));

/** Titles outside the known list: "chief nursing officers", "fleet managers", "general counsels". */
const COMPANY_NOUN =
  /^\s+(?:companies|company|firms?|agencies|agency|brands?|businesses|startups?|practices|clinics|stores|shops|groups|chains|providers|manufacturers|makers|studios|dealerships|hotels|restaurants|banks|insurers|schools|hospitals)\b/i;

export function findOpenRoles(text: string): OpenRole[] {
  const out: OpenRole[] = [];
  for (const m of text.matchAll(/\bchief ((?:[a-z-]+ ){1,2})officers?\b/gi))
    out.push({
      role: `Chief ${titleCase(m[1]!.trim().toLowerCase())} Officer`,
      seniorities: ["c_suite"],
      qualifier: "",
      span: [m.index, m.index + m[0].length],
    });
  // "Directors of nursing", "Head of talent acquisition": a known rank of an unknown department.
  const RANKS: Record<string, [string, Seniority[]]> = {
    director: ["Director of", ["director"]],
    head: ["Head of", ["head"]],
    vp: ["VP of", ["vp"]],
    "vice president": ["VP of", ["vp"]],
  };
  for (const m of text.matchAll(
    /\b(?<!managing |general )(directors?|heads?|vps?|vice presidents?) of ((?:[a-z][a-z-]+)(?: [a-z][a-z-]+)?)/gi,
  )) {
    const words = m[2]!.toLowerCase().split(" ");
    const cut = words.findIndex((w) => STOP.has(w));
    const dept = (cut === -1 ? words : words.slice(0, cut)).join(" ");
    if (!dept) continue;
    const [label, seniorities] = RANKS[singular(m[1]!.toLowerCase())]!;
    const end = m.index + m[0].toLowerCase().indexOf(dept, m[1]!.length) + dept.length;
    // "Directors of real estate agencies" lead the agencies: a kind of company follows, not a department.
    if (COMPANY_NOUN.test(text.slice(end))) continue;
    out.push({ role: `${label} ${titleCase(dept)}`, seniorities, qualifier: "", span: [m.index, end] });
  }
  const nouns = Object.keys(SENIORITY_OF).join("|");
  const re = new RegExp(`\\b((?:[a-z][a-z-]+ ){1,2}?)(${nouns})s?\\b`, "gi");
  for (const m of text.matchAll(re)) {
    const words = m[1]!.trim().toLowerCase().split(" ");
    while (words.length && STOP.has(words[0]!)) words.shift();
    if (words.length === 0 || words.some((w) => STOP.has(w))) continue;
    const start = m.index + m[0].toLowerCase().indexOf(words[0]!);
    if (out.some((o) => start < o.span[1] && m.index + m[0].length > o.span[0])) continue;
    const noun = m[2]!.toLowerCase();
    out.push({
      role: titleCase(`${words.join(" ")} ${singular(noun)}`),
      seniorities: SENIORITY_OF[noun] ?? [],
      qualifier: words.join(" "),
      span: [start, m.index + m[0].length],
    });
  }
  return out;
}

/** Industries outside the list: "mining company", "packaging firms" → the rep's words, as a term. */
export function findOpenIndustries(text: string): { term: string; span: [number, number] }[] {
  const out: { term: string; span: [number, number] }[] = [];
  const re =
    /\b((?:[a-z][a-z-]{2,} ){0,1}[a-z][a-z-]{2,}) (?:companies|company|firms?|brands?|chains?|groups?|makers?|manufacturers?|producers?|providers?|operators?|businesses|startups?|studios?|shops?|suppliers?|vendors?|distributors?|installers?)\b/gi;
  for (const m of text.matchAll(re)) {
    const words = m[1]!
      .toLowerCase()
      .split(" ")
      .filter((w) => !STOP.has(w));
    if (words.length === 0) continue;
    out.push({ term: words.join(" "), span: [m.index, m.index + m[0].length] });
  }
  return out;
}

const NEED_CUE =
  /\b(?:need(?:s|ing)?|requir(?:e|es|ing)|looking to|look to|want(?:s|ing)? to|struggl(?:e|es|ing) with|trying to|help(?:s|ing)? (?:to|with)?|to)\s+(?:help (?:to |with )?)?(?:a |an |the |more |better )?((?:reduce|cut|lower|improve|increase|grow|boost|automate|streamline|optimi[sz]e|manage|track|forecast|fix|scale|hire|find|get|win|retain|prevent|speed up|digiti[sz]e|moderni[sz]e)\s+[\w-]+(?:\s+[\w-]+)?|[a-z][\w-]+\s+(?:forecasting|planning|management|tracking|compliance|reporting|optimi[sz]ation|automation|scheduling|financing|insurance|training|security|consulting))\b/gi;

/** Needs in the rep's words after a need cue ("who need help to reduce returns", "looking to reduce no-shows"). */
export function findOpenNeeds(text: string): { term: string; span: [number, number] }[] {
  const out: { term: string; span: [number, number] }[] = [];
  for (const m of text.matchAll(NEED_CUE)) {
    const term = m[1]!.toLowerCase().trim();
    const start = m.index + m[0].toLowerCase().lastIndexOf(term);
    out.push({ term, span: [start, start + term.length] });
  }
  // "… helps logistics companies reduce returns": the verb after the target names the need.
  for (const m of text.matchAll(
    /\b(?:companies|firms|businesses|brands|teams|retailers|stores|clinics)\s+((?:reduce|cut|lower|improve|increase|grow|boost|automate|streamline|manage|track|forecast)\s+[\w-]+)/gi,
  )) {
    const term = m[1]!.toLowerCase();
    const start = m.index + m[0].length - term.length;
    if (!out.some((o) => o.span[0] === start)) out.push({ term, span: [start, start + term.length] });
  }
  return out;
}

/**
 * The noun phrase after a need cue ("who want more reviews", "need a loyalty program"), read after the known
 * needs, places and industries are blanked, so what is left is what no list names.
 */
export function findOpenNeedPhrases(text: string): { term: string; span: [number, number] }[] {
  const out: { term: string; span: [number, number] }[] = [];
  for (const m of text.matchAll(
    /\b(?:want(?:s|ing)?|need(?:s|ing)?|looking for|interested in|struggl(?:e|es|ing) with) (?:(?:more|better|a|an|new|some|the|help with|help) )*((?:[a-z][\w-]+ ){0,2}[a-z][\w-]+)/gi,
  )) {
    const words = m[1]!.toLowerCase().split(" ");
    const cut = words.findIndex((w) => STOP.has(w) || w === "to" || w === "help");
    const kept = (cut === -1 ? words : words.slice(0, cut)).join(" ");
    if (!kept || kept.length < 4) continue;
    const start = m.index + m[0].toLowerCase().lastIndexOf(m[1]!.toLowerCase());
    if (out.some((o) => o.span[0] < start + kept.length && start < o.span[1])) continue;
    out.push({ term: kept, span: [start, start + kept.length] });
  }
  return out;
}
