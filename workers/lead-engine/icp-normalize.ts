// Turns how reps type into what the parser reads: accents folded, punctuation and dashes unified, other
// languages rewritten to English, shorthand expanded where the context says what it is ("20-100 ppl",
// "rev 10-20 mil", "mktg dirs"), and typos corrected against the parser's own vocabulary (edit distance via
// fastest-levenshtein, one edit for words of 4–7 letters, two from 8; capitalised acronyms and short words are
// never touched). Runs once per description, before any field is read.
import { distance } from "fastest-levenshtein";
import { fold } from "./geo";
import { toEnglish } from "./icp-translations";

type Rule = [RegExp, string];

const SHORTHAND: Rule[] = [
  [/\bw\/o\b/gi, "without"],
  [/\bw\/\s*/gi, "with "],
  [/\bexcl\.?(?=\s)/gi, "excluding"],
  [/\b(co's|cos)\b/gi, "companies"],
  [/\bmktg\b/gi, "marketing"],
  [/\bmgmt\b/gi, "management"],
  [/\bmgrs\b/gi, "managers"],
  [/\bmgr\b/gi, "manager"],
  [/\bdirs\b/gi, "directors"],
  [/\bgms\b/gi, "general managers"],
  [/\bgm\b(?=\s+(?:of|at|in)\b)/gi, "general manager"],
  [/\bhds\b/gi, "heads"],
  [/\bhd\b(?=\s+of\b)/gi, "head"],
  [/\bdir\b(?=\.?\s+(?:of\s+)?\w)/gi, "director"],
  [/\beng\b/gi, "engineering"],
  [/\be-?com\b/gi, "ecommerce"],
  [/\bbiz\b/gi, "business"],
  [/\bcali\b/gi, "california"],
  [/\bsvcs?\b/gi, "services"],
  [/\brev\b\.?/gi, "revenue"],
  [/\b(?:yr|yrly|p\.a\.)\b/gi, "year"],
  // Units after a number: "20-100 ppl", "50+ heads", ">1000 emp", "10-20 mil", "5-10m".
  [/(\d[\d,.]*\s*k?\+?)\s*(?:ppl|emps?|ftes?|hc|heads|pax)\b/gi, "$1 employees"],
  [/(\d[\d,.]*)\s*(?:mil|mill|mln|mio)\b\.?/gi, "$1 million"],
  [/(\d[\d,.]*)\s*(?:bil|bln|mrd)\b\.?/gi, "$1 billion"],
  [/\s&\s/g, " and "],
  [/(\p{L})['’]s\b/gu, "$1s"],
];

export interface Normalised {
  text: string;
  corrections: { from: string; to: string }[];
}

/** `keep`: words never "corrected" — the workspace's own vocabulary ("chefs" in a list of Head Chefs). */
export function normaliseDescription(raw: string, vocabulary: TypoVocabulary, keep?: ReadonlySet<string>): Normalised {
  let text = fold(raw.normalize("NFC"))
    .replace(/<[^>]{0,200}>/g, " ")
    .replace(/[‐‑‒–—―−]/g, "-")
    .replace(/[“”„«»]/g, '"')
    .replace(/[‘’`´]/g, "'")
    .replace(/[^\p{L}\p{N}\s$€£¥+<>=≥≤%&,.;:!?'"()/-]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  text = toEnglish(text);
  for (const [pattern, replacement] of SHORTHAND) text = text.replace(pattern, replacement);
  return correctTypos(text, vocabulary, keep);
}

export interface TypoVocabulary {
  words: Set<string>;
  /** Real words that are not targets of correction (every city name) but must not be "corrected" either. */
  known?: Set<string>;
  /** Each word and every one-letter deletion of it → the words it came from (a symmetric-delete index). */
  deletions: Map<string, string[]>;
}

const deletionsOf = (word: string) => {
  const out = new Set<string>();
  for (let i = 0; i < word.length; i++) out.add(word.slice(0, i) + word.slice(i + 1));
  return out;
};

export function buildTypoVocabulary(words: Iterable<string>, known?: Set<string>): TypoVocabulary {
  const set = new Set<string>();
  for (const w of words) if (/^\p{L}{4,}$/u.test(w)) set.add(w.toLowerCase());
  const deletions = new Map<string, string[]>();
  const add = (key: string, word: string) => {
    const list = deletions.get(key);
    if (!list) deletions.set(key, [word]);
    else if (!list.includes(word)) list.push(word);
  };
  for (const word of set) {
    add(word, word);
    for (const d of deletionsOf(word)) add(d, word);
  }
  return { words: set, deletions, known };
}

/** One adjacent swap ("fimrs" → "firms") counts as one edit, as people make it. */
function editDistance(a: string, b: string): number {
  const d = distance(a, b);
  if (d !== 2 || a.length !== b.length) return d;
  const diff: number[] = [];
  for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!]
    ? 1
    : d;
}

function closest(token: string, vocabulary: TypoVocabulary, limit?: number): string | null {
  const max = Math.min(token.length >= 8 ? 2 : 1, limit ?? 2);
  const candidates = new Set<string>();
  for (const key of [token, ...deletionsOf(token)])
    for (const w of vocabulary.deletions.get(key) ?? []) candidates.add(w);
  // Two edits: also words one deletion away from a deletion of the token (long words only).
  if (max === 2)
    for (const d of deletionsOf(token))
      for (const dd of deletionsOf(d)) for (const w of vocabulary.deletions.get(dd) ?? []) candidates.add(w);
  let best: string[] = [];
  let bestDistance = max + 1;
  for (const w of candidates) {
    if (w.length < 5 || Math.abs(w.length - token.length) > max) continue;
    const d = editDistance(token, w);
    if (d < bestDistance) {
      best = [w];
      bestDistance = d;
    } else if (d === bestDistance && !best.includes(w)) best.push(w);
  }
  if (bestDistance > max) return null;
  if (best.length === 1) return best[0]!;
  // A tie between a dropped letter and an extra one ("directr": director or direct): people drop letters far
  // more often than they add them, so a single longer candidate wins; any other tie is left alone.
  const longer = best.filter((w) => w.length > token.length);
  return longer.length === 1 ? longer[0]! : null;
}

/** A known word with another ending ("hotel"/"hotels", "agency"/"agenc") is that word, not a typo. */
function knownForm(word: string, vocabulary: TypoVocabulary): boolean {
  const { words } = vocabulary;
  if (words.has(word) || COMMON.has(word) || vocabulary.known?.has(word)) return true;
  const forms = [`${word}s`, `${word}es`, word.replace(/s$/, ""), word.replace(/es$/, ""), word.replace(/ies$/, "y")];
  if (forms.some((f) => words.has(f))) return true;
  // Inflections of a known word ("agencies" → "agency"), not any longer word ("directers" is no "direct").
  const stem = /(?:ies|es|s|y|ing)$/.exec(word);
  if (stem && word.length - stem[0].length >= 5 && words.has(word.slice(0, -stem[0].length))) return true;
  return false;
}

function correctTypos(text: string, vocabulary: TypoVocabulary, keep?: ReadonlySet<string>): Normalised {
  const corrections: Normalised["corrections"] = [];
  // Parts of hyphenated words ("no-shows", "e-commerce") are left as written.
  const out = text.replace(/(?<![\p{L}-])\p{L}+(?![\p{L}-])/gu, (token) => {
    const lower = token.toLowerCase();
    // Acronyms ("SaaS", "CTOs", "NSW") and short words are never guessed at.
    const acronym = token === token.toUpperCase() || (token.length <= 5 && /\p{Lu}.*\p{Lu}/u.test(token));
    if (lower.length < 4 || acronym || knownForm(lower, vocabulary)) return token;
    if (keep?.has(lower) || keep?.has(lower.replace(/s$/, ""))) return token;
    // A capitalised word is a name more often than a slip: only one edit away from a known one.
    const fixed = closest(lower, vocabulary, /^\p{Lu}/u.test(token) ? 1 : undefined);
    if (!fixed) return token;
    corrections.push({ from: token, to: fixed });
    return fixed;
  });
  return { text: out, corrections };
}

/** Everyday words a description uses that are not vocabulary but must not be "corrected" into it. */
const COMMON = new Set(
  `with that need needs want wants looking look find reach reachable target targets sell sells selling provide
  provides offer offers help helps helping their them they those this these have has based located from into
  over under more less than about around near across between other only also just like some many most each every
  where which while whose would could should will your ours ourselves company business businesses mostly mainly
  preferably ideally especially currently recently growing fast small large big medium local global national
  regional international private public family owned independent series funded raised funding assets valuation
  year years annual annually month monthly people person team teams employee employees staff headcount size
  million billion thousand dollars euros pounds revenue sales turnover profit budget spend spending price
  state states city cities country countries region area areas metro county province north south east west
  central upper lower greater new old high low best good great top leading major minor chain chains group groups
  chef chefs cook cooks store stores plant plants fleet practice practices clinic clinics office offices firm firms studio studios
  maker makers makes making build builds building service services product products solution solutions tool tools
  something anything everything nothing someone anyone everyone none both either neither please thanks hello
  industry industries sector sectors vertical verticals segment market markets customer customers client clients
  doing does done being been were was are is be am its it's we're they're i'm don't doesn't can't won't isn't
  except excluding exclude avoid avoiding without apart besides unless though although however`.split(/\s+/),
);
