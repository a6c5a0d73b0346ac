// Builds the generated half of the robustness set (bench/fixtures/icp-eval-robust-generated.jsonl) from clean
// base sentences whose truth was written by hand: each base yields a typo, a lower-case shorthand, an
// abbreviated and a reordered variant, with the base's truth unchanged. Seeded, so the file is reproducible;
// the output is committed so the truth never moves with the parser. `bun bench/icp-eval-variants.ts`
import { readFileSync, writeFileSync } from "node:fs";
import { parseEvalSet } from "../workers/lead-engine/icp-evaluation";

const BASE = new URL("./fixtures/icp-eval-robust-base.jsonl", import.meta.url);
const OUT = new URL("./fixtures/icp-eval-robust-generated.jsonl", import.meta.url);

function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(20261201);
const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;

/** One keyboard slip in a word of five letters or more: a dropped, doubled, swapped or neighbouring key. */
function typo(word: string): string {
  const i = 1 + Math.floor(random() * (word.length - 2));
  const kind = pick(["drop", "double", "swap", "insert"]);
  if (kind === "drop") return word.slice(0, i) + word.slice(i + 1);
  if (kind === "double") return word.slice(0, i) + word[i] + word.slice(i);
  if (kind === "swap") return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  return word.slice(0, i) + pick([..."aeiousnrt"]) + word.slice(i);
}

function withTypos(text: string): string {
  const words = text.split(" ");
  const eligible = words.map((w, i) => (/^[A-Za-z]{5,}$/.test(w) ? i : -1)).filter((i) => i >= 0);
  const count = Math.min(eligible.length, 2);
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(pick(eligible));
  return words.map((w, i) => (chosen.has(i) ? typo(w) : w)).join(" ");
}

/** How reps shorten when they type fast: no capitals, no punctuation. */
const lowered = (text: string) =>
  text
    .toLowerCase()
    .replace(/[,.;!?]/g, "")
    .replace(/\s+/g, " ");

const ABBREVIATIONS: [RegExp, string[]][] = [
  [/\bChief Technology Officers\b/g, ["CTOs"]],
  [/\bChief Marketing Officers\b/g, ["CMOs"]],
  [/\bChief Operating Officers\b/g, ["COOs"]],
  [/\bVice Presidents of\b/g, ["VPs"]],
  [/\bVP of\b/g, ["VP"]],
  [/\bDirectors of engineering\b/g, ["eng directors", "dirs of eng"]],
  [/\bHeads of operations\b/g, ["heads of ops"]],
  [/\bHeads of human resources\b/g, ["HR heads"]],
  [/\bDirectors of finance\b/g, ["finance dirs"]],
  [/\bmarketing\b/gi, ["mktg"]],
  [/\bmanagement\b/g, ["mgmt"]],
  [/\bcompanies\b/g, ["cos", "co's", "firms"]],
  [/\bemployees\b/g, ["emp", "ppl", "staff", "heads", "FTE"]],
  [/\bwith (?=\d)/g, ["w/ "]],
  [/\bmore than (\d+)/g, [">$1", "$1+"]],
  [/\bfewer than\b/g, ["<"]],
  [/\bover \$(\d+) million\b/g, ["$$$1M+", "> $$$1M"]],
  [/\bbetween \$(\d+) million and \$(\d+) million\b/g, ["$$$1-$2M", "$1-$2 mil"]],
  [/\brevenue\b/g, ["rev"]],
  [/\bsearch engine optimization\b/g, ["SEO"]],
  [/\bconversion rate optimization\b/g, ["CRO"]],
  [/\beducation technology\b/g, ["edtech"]],
  [/\bNew York City\b/g, ["NYC"]],
  [/, Florida\b/g, [", FL"]],
  [/\bin Florida\b/g, ["in FL"]],
  [/, Massachusetts\b/g, [", MA"]],
  [/\bin Arizona\b/g, ["in AZ"]],
  [/, Arizona\b/g, [", AZ"]],
  [/, Texas\b/g, [", TX"]],
  [/, Washington\b/g, [", WA"]],
  [/, Georgia\b/g, [", GA"]],
  [/\bin California\b/g, ["in CA", "in Cali"]],
  [/, New South Wales\b/g, [", NSW"]],
  [/, British Columbia\b/g, [", BC"]],
  [/, Victoria\b/g, [", VIC"]],
  [/\breachable (?:on|via)\b/g, ["via", "on"]],
  [/\band\b/g, ["&"]],
];

function abbreviated(text: string): string {
  let out = text;
  for (const [pattern, forms] of ABBREVIATIONS) out = out.replace(pattern, pick(forms));
  return out;
}

/** The same facts in another order: the clauses of the sentence, rotated. */
function reordered(text: string): string {
  const clauses = text
    .split(/,\s*|\s+(?=with\s|who\s|reachable\s|in\s(?=[A-Z]))/)
    .map((c) => c.trim())
    .filter(Boolean);
  if (clauses.length < 2) return text;
  const shift = 1 + Math.floor(random() * (clauses.length - 1));
  return [...clauses.slice(shift), ...clauses.slice(0, shift)].join(", ");
}

const variants: [string, (t: string) => string][] = [
  ["typo", withTypos],
  ["lower", lowered],
  ["abbrev", abbreviated],
  ["reorder", reordered],
];

const out: string[] = [];
for (const base of parseEvalSet(readFileSync(BASE, "utf8"))) {
  for (const [name, make] of variants) {
    const text = make(base.text);
    out.push(JSON.stringify({ ...base, class: name, text }));
  }
}
writeFileSync(OUT, `${out.join("\n")}\n`);
console.log(`wrote ${out.length} variants to ${OUT.pathname}`);
