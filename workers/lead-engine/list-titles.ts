// The workspace's own job titles as vocabulary (issue 14, item 2): a list whose people are "Principal" or
// "Controller" makes "school principals" or "controllers at hospitals" a role, though neither is a title the
// parser knows. Words are compared by their Porter stems (the `stemmer` package), so plurals and verb forms meet;
// a one-word title must be a real word of some length and not an everyday one, so a list's "Owner" or "Partner"
// (which the parser reads anyway) cannot turn "partner agencies" into a role.
import { stemmer } from "stemmer";
import { fold } from "./geo";
import { STOP_WORDS } from "./icp-open-terms";

const MAX_WORDS = 4;
const EVERYDAY = new Set(
  `owner partner manager director head lead member staff team agent associate assistant consultant advisor
  representative specialist officer executive president`.split(/\s+/),
);

const stems = (text: string) =>
  fold(text)
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean)
    .map((w) => stemmer(w));

/** The list titles the text names, with their spans, in order (most common spelling of a title wins). */
export function matchListTitles(text: string, titles: readonly string[]): { title: string; span: [number, number] }[] {
  const byKey = new Map<string, string>();
  for (const title of titles) {
    const words = fold(title)
      .toLowerCase()
      .split(/[^\p{L}]+/u)
      .filter(Boolean);
    if (words.length === 0 || words.length > MAX_WORDS) continue;
    if (words.length === 1 && (words[0]!.length < 5 || STOP_WORDS.has(words[0]!) || EVERYDAY.has(words[0]!))) continue;
    const key = stems(title).join(" ");
    if (!byKey.has(key)) byKey.set(key, title.trim());
  }
  if (byKey.size === 0) return [];
  const words = [...text.matchAll(/\p{L}+/gu)];
  const found: { title: string; span: [number, number] }[] = [];
  for (let i = 0; i < words.length; i++) {
    for (let n = Math.min(MAX_WORDS, words.length - i); n >= 1; n--) {
      const run = words.slice(i, i + n);
      const title = byKey.get(run.map((w) => stemmer(w[0].toLowerCase())).join(" "));
      if (!title) continue;
      found.push({ title, span: [run[0]!.index, run[n - 1]!.index + run[n - 1]![0].length] });
      i += n - 1;
      break;
    }
  }
  return found;
}
