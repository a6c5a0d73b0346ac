// The workspace's own lists as vocabulary: the industry labels its imported leads carry ("Trucking, Truck
// Leasing", "Hotels, Casinos, Resorts") are matched against the words of the description with a stemmer
// (Porter, the `stemmer` package), a short list of everyday synonyms and one-edit fuzziness for long stems,
// so "trucking companies" finds the list's "Trucking, Truck Leasing" and "chip makers" its semiconductors.
import { distance } from "fastest-levenshtein";
import { stemmer } from "stemmer";
import { fold } from "./geo";

/** Words a label or a description uses that say nothing about which industry. */
const GENERIC = new Set(
  `and or the of in at for with other others company companies compani firm firms business businesses group
  groups general diversified specialty misc miscellaneous stock mutual
  industry industries sector inc llc ltd corp corporation holding holdings maker makers make
  headquartered based located ceo ceos cfo cto owner owners founder founders leader leaders executive
  executives who need needs want wants looking find reach reachable top best big large small mid size
  sized medium enterprise enterprises startup startups local global`.split(/\s+/),
);

/** Everyday words for what lists label more formally; both sides are stemmed when first used. */
const SYNONYM_WORDS: Record<string, string[]> = {
  chip: ["semiconductor"],
  drug: ["pharmaceutical"],
  pharma: ["pharmaceutical"],
  oil: ["petroleum", "crude"],
  refinery: ["refining"],
  telecom: ["telecommunications"],
  telco: ["telecommunications"],
  grocery: ["food", "drug", "store"],
  supermarket: ["food", "drug", "store"],
  healthcare: ["health", "care"],
  hospital: ["medical", "facilities"],
  lender: ["bank", "financial"],
  trucker: ["truck"],
  freight: ["freight", "delivery", "transportation"],
  shipping: ["freight", "delivery", "transportation"],
  railway: ["railroad"],
  rail: ["railroad"],
  media: ["entertainment", "publishing"],
  weapon: ["defense"],
  defence: ["defense"],
  tech: ["technology"],
  it: ["information", "technology"],
};

/** Everyday phrases whose words differ from the formal label's; rewritten before the words are compared. */
const PHRASES: [RegExp, string][] = [
  [/\bdrug ?makers?\b|\bpharma(?:ceutical)? companies\b/gi, "pharmaceuticals"],
  [/\bchip ?makers?\b|\bchip companies\b/gi, "semiconductors"],
  [/\b(?:car|auto) dealers(?:hips?)?\b|\bdealerships?\b/gi, "automotive retailing"],
  [/\b(?:car|auto) ?makers?\b|\bcar companies\b/gi, "motor vehicles"],
  [/\bmedical devices?\b|\bmed ?tech\b/gi, "medical equipment"],
  [/\brestaurants?(?: chains?| groups?)?\b|\bfast food\b/gi, "food services"],
  [/\bgrocery (?:chains?|stores?)\b|\bsupermarkets?\b|\bpharmacy chains?\b|\bdrugstores?\b/gi, "food drug stores"],
  [/\b(?:oil )?refiners?\b/gi, "petroleum refining"],
  [/\bhealth insurers?\b/gi, "health care insurance"],
];
let synonyms: Map<string, string[]> | undefined;
function synonymsOf(stem: string): string[] {
  synonyms ??= new Map(Object.entries(SYNONYM_WORDS).map(([k, v]) => [stemmer(k), v.map((w) => stemmer(w))]));
  return synonyms.get(stem) ?? [];
}

const tokens = (text: string) =>
  fold(text)
    // "IT" in capitals is information technology, not the pronoun.
    .replace(/\bIT\b/g, "it-sector")
    .toLowerCase()
    .split(/[^\p{L}-]+/u)
    .map((w) => (w === "it-sector" ? "it" : w.replace(/-/g, "")))
    .filter((w) => (w.length >= 3 || w === "it") && !GENERIC.has(w));

const stemsOf = (text: string) => tokens(text).map((w) => stemmer(w));

/** Stems that mean the same: equal, a synonym, or one edit apart when both are long. */
function sameStem(query: string, label: string): boolean {
  if (query === label) return true;
  if (synonymsOf(query).includes(label)) return true;
  return query.length >= 6 && label.length >= 6 && distance(query, label) <= 1;
}

const labelCache = new Map<string, string[]>();
function labelStems(label: string): string[] {
  let stems = labelCache.get(label);
  if (!stems) {
    stems = [...new Set(stemsOf(label))];
    if (labelCache.size < 10_000) labelCache.set(label, stems);
  }
  return stems;
}

/**
 * The labels that match the description best: most of its industry words found in the label, then the words
 * appearing in the label in the same order ("health insurers" → "Health Care: Insurance…", not "Insurance:
 * Life, Health"). Labels no description word reaches are never returned.
 */
export function matchListIndustries(text: string, labels: string[]): string[] {
  let phrased = text;
  for (const [pattern, words] of PHRASES) phrased = phrased.replace(pattern, words);
  const query = [...new Set(stemsOf(phrased))];
  if (query.length === 0) return [];
  const scored: { label: string; score: number }[] = [];
  for (const label of new Set(labels)) {
    const stems = labelStems(label);
    if (stems.length === 0) continue;
    const positions = query.map((q) => stems.findIndex((s) => sameStem(q, s))).filter((i) => i >= 0);
    if (positions.length === 0) continue;
    const inOrder = positions.every((p, i) => i === 0 || p > positions[i - 1]!) ? 0.5 : 0;
    scored.push({ label, score: positions.length + inOrder });
  }
  if (scored.length === 0) return [];
  const best = Math.max(...scored.map((s) => s.score));
  return scored.filter((s) => s.score >= best - 1e-9).map((s) => s.label);
}

/** Whether a lead's own list label is one the description named (used by the scorer). */
export function labelMatches(label: string | null | undefined, wanted: string[]): boolean {
  return !!label && wanted.includes(label);
}
