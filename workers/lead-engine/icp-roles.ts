// Roles in a description: chief titles ("CTOs"), owner titles ("founders"), and seniority + function pairs
// in either order ("head of marketing", "VPs of Sales", "marketing directors").
import type { Seniority } from "./icp.schema";
import { CHIEF_TITLES, FUNCTIONS, OWNER_TITLES, SENIORITY_PHRASES, SENIORITY_WORDS } from "./icp-vocabulary";

export interface RoleMatch {
  role: string | null;
  fn: string | null;
  seniorities: Seniority[];
  span: [number, number];
}

const fnSource = (fn: (typeof FUNCTIONS)[number]) =>
  fn.patterns.map((p) => p.source.replace(/^\\b\(\?:|\)\\b$/g, "")).join("|");

let rolePatterns:
  | { fn: (typeof FUNCTIONS)[number]; sen: (typeof SENIORITY_WORDS)[number]; regex: RegExp }[]
  | undefined;
let leaderPatterns: { fn: (typeof FUNCTIONS)[number]; regex: RegExp }[] | undefined;

function patterns() {
  rolePatterns ??= FUNCTIONS.flatMap((fn) =>
    SENIORITY_WORDS.flatMap((sen) => [
      {
        fn,
        sen,
        regex: new RegExp(
          // "managing director of software companies" is a managing director, not a director of software.
          `\\b(?<!managing\\s|general\\s)(?:senior\\s+|global\\s+)?${sen.pattern}\\s+(?:of\\s+)?(?:the\\s+)?(?:${fnSource(fn)})\\b`,
          "gi",
        ),
      },
      { fn, sen, regex: new RegExp(`\\b(?:senior\\s+)?(?:${fnSource(fn)})\\s+${sen.pattern}\\b`, "gi") },
    ]),
  );
  leaderPatterns ??= FUNCTIONS.map((fn) => ({
    fn,
    regex: new RegExp(`\\b(?:${fnSource(fn)})\\s+(?:leaders?(?:hip)?|executives?|decision[- ]makers?)\\b`, "gi"),
  }));
  return { rolePatterns, leaderPatterns };
}

export function roleLabel(seniority: Seniority, fnLabel: string): string {
  if (seniority === "head") return `Head of ${fnLabel}`;
  if (seniority === "vp") return `VP of ${fnLabel}`;
  if (seniority === "director") return `Director of ${fnLabel}`;
  if (seniority === "manager") return `${fnLabel} Manager`;
  return `${fnLabel} Lead`;
}

export function findRoles(text: string): RoleMatch[] {
  const found: RoleMatch[] = [];
  const taken = (start: number, end: number) => found.some((f) => start < f.span[1] && end > f.span[0]);
  const push = (match: RoleMatch) => {
    if (!taken(match.span[0], match.span[1])) found.push(match);
  };
  const { rolePatterns, leaderPatterns } = patterns();
  // Longest spans first so "VP of Sales" is one role, not "VP" plus a stray "Sales".
  const pairs: RoleMatch[] = [];
  for (const { fn, sen, regex } of rolePatterns) {
    for (const m of text.matchAll(regex))
      pairs.push({
        role: roleLabel(sen.seniority, fn.label),
        fn: fn.value,
        seniorities: [sen.seniority],
        span: [m.index, m.index + m[0].length],
      });
  }
  pairs.sort((a, b) => b.span[1] - b.span[0] - (a.span[1] - a.span[0])).forEach(push);
  for (const { fn, regex } of leaderPatterns) {
    for (const m of text.matchAll(regex))
      push({
        role: `Head of ${fn.label}`,
        fn: fn.value,
        seniorities: ["vp", "head", "director"],
        span: [m.index, m.index + m[0].length],
      });
  }
  for (const chief of CHIEF_TITLES) {
    for (const m of text.matchAll(new RegExp(chief.pattern.source, "gi"))) {
      // "CRO" also abbreviates conversion-rate optimisation: lower-case, or named as something needed, it is not a title.
      if (chief.label === "CRO" && m[0].length <= 4) {
        // … unless it sits in a list of other chief titles ("ceo or cro", "cro/cmo").
        const listed =
          /\bc[a-z]{1,2}os?\s*(?:,|\/|or|and|&)\s*$/i.test(text.slice(0, m.index)) ||
          /^\s*(?:,|\/|or|and|&)\s*c[a-z]{1,2}os?\b/i.test(text.slice(m.index + m[0].length));
        if (listed) {
          push({ role: chief.label, fn: chief.fn, seniorities: ["c_suite"], span: [m.index, m.index + m[0].length] });
          continue;
        }
        if (m[0].slice(0, 3) !== "CRO") continue;
        if (
          /\b(?:need(?:s|ing)?|want(?:s|ing)?|help with|improve|better|for|and|with)\s+(?:\w+\s+)?$/i.test(
            text.slice(0, m.index),
          )
        )
          continue;
      }
      push({ role: chief.label, fn: chief.fn, seniorities: ["c_suite"], span: [m.index, m.index + m[0].length] });
    }
  }
  for (const owner of OWNER_TITLES) {
    for (const m of text.matchAll(new RegExp(owner.pattern.source, "gi")))
      push({ role: owner.label, fn: null, seniorities: [owner.seniority], span: [m.index, m.index + m[0].length] });
  }
  for (const phrase of SENIORITY_PHRASES) {
    for (const m of text.matchAll(new RegExp(phrase.pattern.source, "gi")))
      push({ role: null, fn: null, seniorities: phrase.seniorities, span: [m.index, m.index + m[0].length] });
  }
  return found.sort((a, b) => a.span[0] - b.span[0]);
}
