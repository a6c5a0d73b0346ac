// Field-level precision and recall of the ICP parser against a labelled set (bench/fixtures/icp-eval.jsonl).
import type { Icp, Range } from "./icp.schema";

export interface EvalCase {
  text: string;
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
    case "companySize":
    case "annualRevenue":
      return rangeItems(icp[field]);
    default:
      return icp[field];
  }
}

function expectedItems(c: EvalCase, field: EvalField): string[] {
  if (field === "companySize" || field === "annualRevenue") return rangeItems(c[field]);
  return c[field] ?? [];
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
): { scores: FieldScore[]; misses: EvalMiss[] } {
  const totals = new Map(EVAL_FIELDS.map((f) => [f, { tp: 0, fp: 0, fn: 0 }]));
  const misses: EvalMiss[] = [];
  for (const c of cases) {
    const icp = parse(c.text);
    for (const field of EVAL_FIELDS) {
      const expected = new Set(expectedItems(c, field).map((v) => v.toLowerCase()));
      const predicted = new Set(predictedItems(icp, field).map((v) => v.toLowerCase()));
      const t = totals.get(field)!;
      const missing = [...expected].filter((v) => !predicted.has(v));
      const extra = [...predicted].filter((v) => !expected.has(v));
      t.tp += expected.size - missing.length;
      t.fn += missing.length;
      t.fp += extra.length;
      if (missing.length || extra.length) misses.push({ text: c.text, field, missing, extra });
    }
  }
  const scores = EVAL_FIELDS.map((field) => {
    const { tp, fp, fn } = totals.get(field)!;
    return {
      field,
      precision: tp + fp === 0 ? 1 : tp / (tp + fp),
      recall: tp + fn === 0 ? 1 : tp / (tp + fn),
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
    };
  });
  return { scores, misses };
}
