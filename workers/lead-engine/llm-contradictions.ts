// Where the model's reading of a description contradicts the rules' (issue 14, item 4). The rules result stands
// — it is explainable and repeatable — but a disagreement is worth a rep's glance: "the AI read 1,000+ employees
// where we read 50–200". Only clear conflicts count: a value one side excludes and the other targets, ranges
// that do not overlap, places in different countries. A field only one side filled is not a contradiction (that
// is the model filling a gap), and neither are different roles or seniorities: a description often names several.
import type { Icp, IcpLocation, Range } from "./icp.schema";

export interface Contradiction {
  field: "industries" | "companySize" | "annualRevenue" | "places";
  rules: string;
  model: string;
}

export interface ModelReading {
  industries: string[];
  excludeIndustries: string[];
  /** The model's places, already resolved (unresolvable names dropped). */
  locations: IcpLocation[];
  companySize: Range | null;
  annualRevenue: Range | null;
}

const describeRange = (r: Range, unit: string) =>
  r.min !== undefined && r.max !== undefined
    ? `${r.min.toLocaleString("en-US")}–${r.max.toLocaleString("en-US")} ${unit}`
    : r.min !== undefined
      ? `${r.min.toLocaleString("en-US")}+ ${unit}`
      : `up to ${(r.max ?? 0).toLocaleString("en-US")} ${unit}`;

function disjoint(a: Range, b: Range): boolean {
  return (
    (a.max !== undefined && b.min !== undefined && a.max < b.min) ||
    (b.max !== undefined && a.min !== undefined && b.max < a.min)
  );
}

const isRange = (r: Range | null): r is Range => r !== null && (r.min !== undefined || r.max !== undefined);

export function findContradictions(rules: Icp, model: ModelReading): Contradiction[] {
  const found: Contradiction[] = [];
  const excludedByModel = rules.industries.filter((i) => model.excludeIndustries.includes(i));
  const targetedByModel = rules.excludeIndustries.filter((i) => model.industries.includes(i));
  for (const i of excludedByModel) found.push({ field: "industries", rules: `targets ${i}`, model: `excludes ${i}` });
  for (const i of targetedByModel) found.push({ field: "industries", rules: `excludes ${i}`, model: `targets ${i}` });

  const ranges = [
    ["companySize", "employees"],
    ["annualRevenue", "USD revenue"],
  ] as const;
  for (const [field, unit] of ranges) {
    const ours = rules[field];
    const theirs = model[field];
    if (isRange(ours) && isRange(theirs) && disjoint(ours, theirs))
      found.push({ field, rules: describeRange(ours, unit), model: describeRange(theirs, unit) });
  }

  const ourCountries = new Set(rules.locations.flatMap((l) => l.countries));
  const theirCountries = new Set(model.locations.flatMap((l) => l.countries));
  if (ourCountries.size > 0 && theirCountries.size > 0 && ![...theirCountries].some((c) => ourCountries.has(c)))
    found.push({
      field: "places",
      rules: rules.locations.map((l) => l.name).join(", "),
      model: model.locations.map((l) => l.name).join(", "),
    });

  return found;
}
