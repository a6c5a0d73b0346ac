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
  groups service services product products general diversified specialty misc miscellaneous stock mutual
  industry industries sector inc llc ltd corp corporation holding holdings maker makers make
  headquartered based located ceo ceos cfo cto owner owners founder founders leader leaders executive
  executives who need needs want wants looking find reach reachable top best big large small mid size
  sized medium enterprise enterprises startup startups local global`.split(/\s+/),
);

/** Everyday words for what lists label more formally; each side is compared as stems. */
const SYNONYMS: Record<string, string[]> = {
  chip: ["semiconductor"],
  chipmak: ["semiconductor"],
  drug: ["pharmaceut"],
  pharma: ["pharmaceut"],
  oil: ["petroleum", "crude"],
  refineri: ["refin"],
  carmak: ["motor", "vehicl"],
  automak: ["motor", "vehicl"],
  auto: ["motor", "vehicl", "automot"],
  car: ["motor", "vehicl", "automot"],
  telecom: ["telecommun"],
  telco: ["telecommun"],
  grocer: ["food", "drug", "store"],
  supermarket: ["food", "drug", "store"],
  restaur: ["food"],
  airlin: ["airlin"],
  insur: ["insur"],
  health: ["health"],
  healthcar: ["health", "care"],
  hospit: ["medic", "facil"],
  bank: ["bank"],
  lender: ["bank", "financi"],
  casino: ["casino"],
  hotel: ["hotel"],
  trucker: ["truck"],
  freight: ["freight", "deliveri", "transport"],
  shipping: ["freight", "deliveri", "transport"],
  media: ["entertain", "publish"],
  entertain: ["entertain"],
  defens: ["defens", "aerospac"],
  weapon: ["defens"],
  homebuild: ["homebuild"],
};

const tokens = (text: string) =>
  fold(text)
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length >= 3 && !GENERIC.has(w));

const stemsOf = (text: string) => tokens(text).map((w) => stemmer(w));

/** Stems that mean the same: equal, a synonym, or one edit apart when both are long. */
function sameStem(query: string, label: string): boolean {
  if (query === label) return true;
  if (SYNONYMS[query]?.includes(label)) return true;
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
 * The labels that match the description best: most of its industry words found in the label, ties broken
 * by the words appearing in the label in the same order, then by the label being most specific. Labels no
 * description word reaches are never returned.
 */
export function matchListIndustries(text: string, labels: string[]): string[] {
  const query = [...new Set(stemsOf(text))];
  if (query.length === 0) return [];
  const scored: { label: string; score: number }[] = [];
  for (const label of new Set(labels)) {
    const stems = labelStems(label);
    if (stems.length === 0) continue;
    const positions = query.map((q) => stems.findIndex((s) => sameStem(q, s))).filter((i) => i >= 0);
    if (positions.length === 0) continue;
    const inOrder = positions.every((p, i) => i === 0 || p > positions[i - 1]!) ? 0.5 : 0;
    scored.push({ label, score: positions.length + inOrder + positions.length / stems.length / 10 });
  }
  if (scored.length === 0) return [];
  const best = Math.max(...scored.map((s) => s.score));
  return scored.filter((s) => s.score >= best - 1e-9).map((s) => s.label);
}

/** Whether a lead's own list label is one the description named (used by the scorer). */
export function labelMatches(label: string | null | undefined, wanted: string[]): boolean {
  return !!label && wanted.includes(label);
}
