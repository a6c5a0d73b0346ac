// Field-level precision and recall of the ICP parser against a labelled set (bench/fixtures/icp-eval.jsonl).
import type { Icp, Range } from "./icp.schema";

export interface EvalCase {
  text: string;
  /** What the case tests (typo, lower, de, place, exclusion …); printed as a per-class breakdown. */
  class?: string;
  /** ISO 3166-2 codes; scored only on cases that label them (the regression set does not). */
  regions?: string[];
  roles?: string[];
  seniorities?: string[];
  industries?: string[];
  excludeIndustries?: string[];
  countries?: string[];
  cities?: string[];
  companySize?: Range;
  annualRevenue?: Range;
  channels?: string[];
  needs?: string[];
}

export const EVAL_FIELDS = [
  "roles",
  "seniorities",
  "industries",
  "excludeIndustries",
  "countries",
  "cities",
  "regions",
  "companySize",
  "annualRevenue",
  "channels",
  "needs",
] as const;
export type EvalField = (typeof EVAL_FIELDS)[number];

export interface FieldScore {
  field: EvalField;
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export function parseEvalSet(jsonl: string): EvalCase[] {
  return jsonl
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as EvalCase);
}

const rangeItems = (range: Range | null | undefined) =>
  range ? Object.entries(range).map(([k, v]) => `${k}=${v}`) : [];

function predictedItems(icp: Icp, field: EvalField): string[] {
  switch (field) {
    case "countries":
      return [...new Set(icp.locations.flatMap((l) => l.countries))];
    case "cities":
      return icp.locations.flatMap((l) => (l.city ? [l.city] : []));
    case "regions":
      return [...new Set(icp.locations.flatMap((l) => (l.regionCode ? [l.regionCode] : [])))];
    case "companySize":
    case "annualRevenue":
      return rangeItems(icp[field]);
    case "needs":
      // Needs outside the fixed list are kept as the rep's own words ("reduce returns").
      return [...icp.needs, ...(icp.needTerms ?? [])];
    default:
      return icp[field];
  }
}

function expectedItems(c: EvalCase, field: EvalField): string[] {
  if (field === "companySize" || field === "annualRevenue") return rangeItems(c[field]);
  return c[field] ?? [];
}

/** Per class of case: how many were fully right, and field errors per description. */
export interface ClassScore {
  cases: number;
  allRight: number;
  fieldErrors: number;
}

export interface EvalMiss {
  text: string;
  field: EvalField;
  missing: string[];
  extra: string[];
}

export function evaluate(
  cases: EvalCase[],
  parse: (text: string) => Icp,
): { scores: FieldScore[]; misses: EvalMiss[]; classes: Map<string, ClassScore> } {
  const totals = new Map(EVAL_FIELDS.map((f) => [f, { tp: 0, fp: 0, fn: 0 }]));
  const misses: EvalMiss[] = [];
  const classes = new Map<string, ClassScore>();
  for (const c of cases) {
    const icp = parse(c.text);
    let allRight = true;
    for (const field of EVAL_FIELDS) {
      if (field === "regions" && !c.regions) continue;
      const expected = new Set(expectedItems(c, field).map((v) => v.toLowerCase()));
      const predicted = new Set(predictedItems(icp, field).map((v) => v.toLowerCase()));
      const t = totals.get(field)!;
      const missing = [...expected].filter((v) => !predicted.has(v));
      const extra = [...predicted].filter((v) => !expected.has(v));
      t.tp += expected.size - missing.length;
      t.fn += missing.length;
      t.fp += extra.length;
      if (missing.length || extra.length) {
        allRight = false;
        misses.push({ text: c.text, field, missing, extra });
      }
    }
    const cls = classes.get(c.class ?? "all") ?? { cases: 0, allRight: 0, fieldErrors: 0 };
    cls.cases++;
    if (allRight) cls.allRight++;
    cls.fieldErrors += misses.filter((m) => m.text === c.text).length;
    classes.set(c.class ?? "all", cls);
  }
  const scores = EVAL_FIELDS.map((field) => {
    const { tp, fp, fn } = totals.get(field)!;
    const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
    return {
      field,
      precision,
      recall,
      f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
    };
  });
  return { scores, misses, classes };
}
