// Company size and revenue from the phrases reps write: "50–500 employees", "over 10k staff", "mid-size",
// "$5M–$50M revenue", "> $1B". Each parser returns the range and the matched span so it is not re-read.
import type { Range } from "./icp.schema";

export interface QuantityMatch {
  range: Range;
  span: [number, number];
}

const NUM = String.raw`(\d+(?:[.,]\d+)*)\s*(?:(thousand|million|billion|mio|mn|mm|bn|k|m|b)(?![a-z]))?`;
const CURRENCY = String.raw`(?:us\$|[$€£¥]|usd|eur|gbp|chf|dollars|euros)`;
const RANGE_SEP = String.raw`\s*(?:-|–|—|to|and)\s*`;
const SIZE_NOUN = `(?:employees?|staff|people|persons?|person|headcount|heads|fte|workers|team members|-?person|-?employee|seats?)`;
const REVENUE_NOUN = String.raw`(?:revenue|arr|turnover|in sales|sales|annual revenue|a year|per year|annually|\/yr|\/year|in revenue)`;

const MULTIPLIERS: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mm: 1e6,
  mio: 1e6,
  mn: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
};

export function toNumber(digits: string, unit?: string): number {
  // "1,000" is a thousands separator; "1.5" (one or two decimals) before a unit is a decimal.
  const decimal =
    /^\d+[.,]\d{1,2}$/.test(digits) && unit
      ? digits.replace(",", ".")
      : digits.replace(/[.,](?=\d{3}\b)/g, "").replace(",", ".");
  const value = Number.parseFloat(decimal);
  return Math.round(value * (unit ? (MULTIPLIERS[unit.toLowerCase()] ?? 1) : 1));
}

type Bound = "min" | "max" | "between" | "exact";

const BOUND_WORDS: { bound: Bound; pattern: string }[] = [
  {
    bound: "min",
    pattern: String.raw`(?<!\bno\s|\bnot\s)(?:over|more than|above|at least|minimum(?: of)?|min\.?|>\s*=?|≥|upwards of|north of|exceeding|bigger than|larger than)`,
  },
  {
    bound: "max",
    pattern: String.raw`(?:under|less than|fewer than|below|at most|up to|maximum(?: of)?|max\.?|<\s*=?|≤|smaller than|no more than)`,
  },
];

/** A number range or bound followed (or preceded) by a noun that says what it counts. */
function findQuantity(text: string, noun: string, currency: boolean): QuantityMatch | null {
  const cur = currency ? `${CURRENCY}?\\s*` : "";
  const curAfter = currency ? `\\s*${CURRENCY}?` : "";
  const between = new RegExp(
    String.raw`(?:between\s+)?${cur}${NUM}${curAfter}${RANGE_SEP}${cur}${NUM}${curAfter}\+?\s*(?:in\s+)?${noun}`,
    "i",
  );
  const m1 = between.exec(text);
  if (m1) {
    const lowUnit = m1[2] ?? m1[4];
    const lo = toNumber(m1[1]!, lowUnit),
      hi = toNumber(m1[3]!, m1[4]);
    return { range: { min: Math.min(lo, hi), max: Math.max(lo, hi) }, span: [m1.index, m1.index + m1[0].length] };
  }
  for (const { bound, pattern } of BOUND_WORDS) {
    const re = new RegExp(String.raw`${pattern}\s*${cur}${NUM}${curAfter}\+?\s*(?:in\s+)?${noun}`, "i");
    const m = re.exec(text);
    if (m) return { range: boundRange(bound, toNumber(m[1]!, m[2])), span: [m.index, m.index + m[0].length] };
  }
  const plus = new RegExp(String.raw`${cur}${NUM}${curAfter}\s*\+\s*(?:in\s+)?${noun}`, "i").exec(text);
  if (plus) return { range: { min: toNumber(plus[1]!, plus[2]) }, span: [plus.index, plus.index + plus[0].length] };
  return null;
}

/** Noun first: "revenue over $10M", "headcount between 50 and 200", "revenue of $5M-$50M". */
function findNounFirst(text: string, noun: string, currency: boolean): QuantityMatch | null {
  const cur = currency ? `${CURRENCY}?\\s*` : "";
  const curAfter = currency ? `\\s*${CURRENCY}?` : "";
  const head = String.raw`${noun}\s*(?:of|is|:|between|from|in the range of)?\s*`;
  const between = new RegExp(`${head}${cur}${NUM}${curAfter}${RANGE_SEP}${cur}${NUM}`, "i").exec(text);
  if (between) {
    const lo = toNumber(between[1]!, between[2] ?? between[4]),
      hi = toNumber(between[3]!, between[4]);
    return {
      range: { min: Math.min(lo, hi), max: Math.max(lo, hi) },
      span: [between.index, between.index + between[0].length],
    };
  }
  for (const { bound, pattern } of BOUND_WORDS) {
    const m = new RegExp(String.raw`${head}${pattern}\s*${cur}${NUM}`, "i").exec(text);
    if (m) return { range: boundRange(bound, toNumber(m[1]!, m[2])), span: [m.index, m.index + m[0].length] };
  }
  // "ARR 2M+", "headcount 500+".
  const plus = new RegExp(String.raw`${head}${cur}${NUM}${curAfter}\s*\+`, "i").exec(text);
  if (plus) return { range: { min: toNumber(plus[1]!, plus[2]) }, span: [plus.index, plus.index + plus[0].length] };
  return null;
}

function boundRange(bound: Bound, value: number): Range {
  // "over 10k" means more than 10,000; ranges are inclusive integers, so strict bounds move by one.
  if (bound === "min") return { min: value };
  if (bound === "max") return { max: value };
  return { min: value, max: value };
}

const SIZE_WORDS: { pattern: RegExp; range: Range }[] = [
  { pattern: /\b(?:solo(?:preneurs?)?|freelancers?|one-person)\b/i, range: { min: 1, max: 1 } },
  { pattern: /\b(?:micro(?:-| )?(?:businesses|business|companies))\b/i, range: { min: 1, max: 10 } },
  {
    pattern: /\bsmall(?=\s+(?:[\w-]+\s+){0,2}(?:businesses|companies|firms|shops|stores|brands|practices)\b)/i,
    range: { min: 1, max: 50 },
  },
  {
    pattern:
      /\blarge(?=\s+(?:[\w-]+\s+){0,2}(?:companies|corporations|firms|enterprises|brands|retailers|banks|insurers)\b)/i,
    range: { min: 1001 },
  },
  {
    pattern: /\b(?:small businesses|small business|small companies|smbs?|smes?|small firms?|local businesses)\b/i,
    range: { min: 1, max: 50 },
  },
  {
    pattern: /\b(?:mid-?(?:size|sized)|mid-?market|medium-?(?:size|sized)|medium businesses|mittelstand)\b/i,
    range: { min: 51, max: 1000 },
  },
  {
    pattern: /\b(?:enterprises?|large companies|large corporations|corporates|big companies|fortune 500)\b/i,
    range: { min: 1001 },
  },
  { pattern: /\b(?:startups?|start-ups?)\b/i, range: { min: 1, max: 200 } },
];

export function parseCompanySize(text: string): QuantityMatch | null {
  const numeric =
    findQuantity(text, SIZE_NOUN, false) ??
    findNounFirst(text, `(?:headcount|team size|company size|employees)`, false);
  if (numeric) return numeric;
  for (const { pattern, range } of SIZE_WORDS) {
    const m = pattern.exec(text);
    if (m) return { range, span: [m.index, m.index + m[0].length] };
  }
  return bareRange(text);
}

const MONEY = String.raw`(?:${CURRENCY}\s*)?\d+(?:[.,]\d+)*\s*(?:thousand|million|billion|mio|mn|mm|bn|k|m|b)?(?![a-z])(?:\s*${CURRENCY})?`;
const NOT_REVENUE = [
  new RegExp(
    String.raw`\b(?:raised|raising|aum|assets under management|valuation|valued at|funding|funded)\s*(?:of\s+)?(?:over|above|more than|at least|>)?\s*${MONEY}`,
    "gi",
  ),
  new RegExp(
    String.raw`(?:over|above|more than|at least|>)?\s*${MONEY}\s*(?:in\s+|of\s+)?(?:assets|aum|funding|seed|series [a-e]|valuation|raised|in funding)\b`,
    "gi",
  ),
];

/** Money that is not revenue ("raised $10M", "$1B in assets", "AUM over $1B"): spans to blank first. */
export function skipNonRevenueMoney(text: string): [number, number][] {
  return NOT_REVENUE.flatMap((re) =>
    [...text.matchAll(re)].map((m): [number, number] => [m.index, m.index + m[0].length]),
  );
}

/** A bare range in a list of keywords ("cto, fintech, berlin, 20-100") is a head-count. */
function bareRange(text: string): QuantityMatch | null {
  const m =
    /(?<![\w$€£.%-])(\d{1,3}(?:,\d{3})*|\d+)\s*(?:-|to)\s*(\d{1,3}(?:,\d{3})*|\d+)\+?(?![\w$€£%.-]|\s*(?:%|percent|years?|yrs?|months?|days?|hours?|[$€£]))/i.exec(
      text,
    );
  if (!m) return null;
  const lo = toNumber(m[1]!),
    hi = toNumber(m[2]!);
  if (lo >= hi || hi > 1_000_000) return null;
  return { range: { min: lo, max: hi }, span: [m.index, m.index + m[0].length] };
}

export function parseRevenue(text: string): QuantityMatch | null {
  const withNoun =
    findQuantity(text, REVENUE_NOUN, true) ?? findNounFirst(text, `(?:annual revenue|revenue|arr|turnover)`, true);
  if (withNoun) return withNoun;
  // A bare currency amount ("> $1B", "$5M-$50M") is revenue: nobody writes head-counts with a currency sign.
  const money = String.raw`${CURRENCY}\s*${NUM}`;
  const between = new RegExp(String.raw`${money}${RANGE_SEP}${CURRENCY}?\s*${NUM}`, "i").exec(text);
  if (between) {
    const lo = toNumber(between[1]!, between[2] ?? between[4]),
      hi = toNumber(between[3]!, between[4]);
    return {
      range: { min: Math.min(lo, hi), max: Math.max(lo, hi) },
      span: [between.index, between.index + between[0].length],
    };
  }
  for (const { bound, pattern } of BOUND_WORDS) {
    const m = new RegExp(String.raw`${pattern}\s*${money}`, "i").exec(text);
    if (m) return { range: boundRange(bound, toNumber(m[1]!, m[2])), span: [m.index, m.index + m[0].length] };
  }
  const plus = new RegExp(String.raw`${money}\s*\+`, "i").exec(text);
  if (plus) return { range: { min: toNumber(plus[1]!, plus[2]) }, span: [plus.index, plus.index + plus[0].length] };
  return null;
}
