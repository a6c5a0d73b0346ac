// Optional LLM (any OpenAI-compatible endpoint via the `openai` SDK): adds what the rules missed to the
// profile, and re-scores the top candidates with a reason. Structured outputs are validated with zod;
// strict timeouts and token budgets; any failure leaves the rules result standing and is reported.
import OpenAI from "openai";
import { z } from "zod";
import type { Db } from "../db/client";
import type { Logger } from "../lib/logger";
import { cachedCall } from "../sources/source-cache";
import { LEAD_CHANNELS, NEEDS, SENIORITIES } from "./icp.schema";
import type { Icp } from "./icp.schema";
import { resolvePlace } from "./icp-locations";
import { understood } from "./icp-parser.service";
import { INDUSTRIES } from "./icp-vocabulary";
import { findContradictions } from "./llm-contradictions";
import type { Contradiction } from "./llm-contradictions";
import type { RankedCandidate } from "./ranking";

export interface LlmReport {
  used: boolean;
  model: string | null;
  profile: "refined" | "unchanged" | "failed" | "off";
  rescoring: "applied" | "failed" | "off";
  errors: string[];
  /** Where the model's reading conflicts with the rules' (the rules' reading is kept, the rep is told). */
  contradictions?: Contradiction[];
}

const CACHE_TTL_S = 7 * 24 * 3600;
const INDUSTRY_IDS = INDUSTRIES.map((i) => i.value);

export function llmConfigured(env: Env): boolean {
  return !!env.LLM_API_KEY;
}

export function offReport(): LlmReport {
  return { used: false, model: null, profile: "off", rescoring: "off", errors: [] };
}

function client(env: Env) {
  return new OpenAI({
    apiKey: env.LLM_API_KEY!,
    baseURL: env.LLM_BASE_URL,
    maxRetries: 0,
    timeout: Number(env.LLM_TIMEOUT_MS) || 6_000,
  });
}

const nullableInt = { type: ["integer", "null"] };
const strings = (items: object = { type: "string" }) => ({ type: "array", items });
const range = {
  type: ["object", "null"],
  properties: { min: nullableInt, max: nullableInt },
  required: ["min", "max"],
  additionalProperties: false,
};

const ICP_JSON_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: [
    "roles",
    "seniorities",
    "industries",
    "excludeIndustries",
    "places",
    "companySize",
    "annualRevenue",
    "channels",
    "needs",
  ],
  properties: {
    roles: strings(),
    seniorities: strings({ type: "string", enum: [...SENIORITIES] }),
    industries: strings({ type: "string", enum: INDUSTRY_IDS }),
    excludeIndustries: strings({ type: "string", enum: INDUSTRY_IDS }),
    places: strings(),
    companySize: range,
    annualRevenue: range,
    channels: strings({ type: "string", enum: [...LEAD_CHANNELS] }),
    needs: strings({ type: "string", enum: [...NEEDS] }),
  },
};
const RangeOut = z
  .object({ min: z.number().int().min(0).nullable(), max: z.number().int().min(0).nullable() })
  .nullable();
const IcpOut = z.object({
  roles: z.array(z.string().max(80)).max(10),
  seniorities: z.array(z.enum(SENIORITIES)),
  industries: z.array(z.enum(INDUSTRY_IDS as [string, ...string[]])),
  excludeIndustries: z.array(z.enum(INDUSTRY_IDS as [string, ...string[]])),
  places: z.array(z.string().max(80)).max(10),
  companySize: RangeOut,
  annualRevenue: RangeOut,
  channels: z.array(z.enum(LEAD_CHANNELS)),
  needs: z.array(z.enum(NEEDS)),
});

const SCORES_JSON_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["scores"],
  properties: {
    scores: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["id", "score", "reason"],
        properties: { id: { type: "string" }, score: { type: "integer" }, reason: { type: "string" } },
      },
    },
  },
};
const ScoresOut = z.object({
  scores: z.array(
    z.object({ id: z.string(), score: z.number().int().min(0).max(100), reason: z.string().min(1).max(300) }),
  ),
});

async function complete<T>(
  env: Env,
  schemaName: string,
  schema: object,
  parser: z.ZodType<T>,
  system: string,
  user: string,
  maxTokens: number,
): Promise<T> {
  const response = await client(env).chat.completions.create({
    model: env.LLM_MODEL,
    temperature: 0,
    max_tokens: maxTokens,
    messages: [
      { role: "system", content: system },
      { role: "user", content: user },
    ],
    response_format: {
      type: "json_schema",
      json_schema: { name: schemaName, strict: true, schema: schema as Record<string, unknown> },
    },
  });
  const message = response.choices[0]?.message;
  if (message?.refusal) throw new Error(`the model refused: ${message.refusal.slice(0, 120)}`);
  // Some compatible endpoints ignore response_format: the answer is validated either way.
  const parsed = parser.safeParse(JSON.parse(message?.content ?? "null"));
  if (!parsed.success) throw new Error("the model's answer did not match the schema");
  return parsed.data;
}

const describeError = (err: unknown) =>
  err instanceof OpenAI.APIError
    ? `${err.status ?? "network"} ${err.message}`.slice(0, 200)
    : err instanceof Error
      ? err.message.slice(0, 200)
      : "unknown error";

/** Adds what the model found and the rules did not; never removes what the rules read. */
export async function refineIcp(
  env: Env,
  db: Db,
  log: Logger,
  description: string,
  rules: Icp,
  report: LlmReport,
): Promise<Icp> {
  report.used = true;
  report.model = env.LLM_MODEL;
  try {
    const out = await cachedCall(db, "llm", log)(["icp", env.LLM_MODEL, description], CACHE_TTL_S, () =>
      complete(
        env,
        "ideal_client_profile",
        ICP_JSON_SCHEMA,
        IcpOut,
        "Extract a B2B ideal-client profile from the sales rep's description. Use only the allowed enum values; places are countries, states or cities as written; ranges are integers (employees; revenue in USD); null when not stated.",
        description,
        600,
      ),
    );
    const toRange = (r: z.infer<typeof RangeOut>) =>
      r && (r.min !== null || r.max !== null)
        ? { ...(r.min !== null ? { min: r.min } : {}), ...(r.max !== null ? { max: r.max } : {}) }
        : null;
    const modelPlaces = out.places.flatMap((p) => resolvePlace(p) ?? []);
    const contradictions = findContradictions(rules, {
      ...out,
      locations: modelPlaces,
      companySize: toRange(out.companySize),
      annualRevenue: toRange(out.annualRevenue),
    });
    report.contradictions = contradictions;
    const icp: Icp = { ...rules, parser: "llm" };
    const add = <T>(into: T[], values: T[]) => {
      for (const v of values) if (!into.includes(v)) into.push(v);
    };
    add((icp.roles = [...rules.roles]), out.roles);
    add((icp.seniorities = [...rules.seniorities]), out.seniorities);
    add(
      (icp.industries = [...rules.industries]),
      out.industries.filter((i) => !rules.excludeIndustries.includes(i)),
    );
    // Never exclude what the rules read as the target (that is a contradiction, reported above).
    add(
      (icp.excludeIndustries = [...rules.excludeIndustries]),
      out.excludeIndustries.filter((i) => !rules.industries.includes(i)),
    );
    add((icp.channels = [...rules.channels]), out.channels);
    add((icp.needs = [...rules.needs]), out.needs);
    if (rules.locations.length === 0) icp.locations = modelPlaces;
    icp.companySize = rules.companySize ?? toRange(out.companySize);
    icp.annualRevenue = rules.annualRevenue ?? toRange(out.annualRevenue);
    icp.understood = understood(icp);
    const changed = JSON.stringify({ ...icp, parser: "rules" }) !== JSON.stringify(rules);
    report.profile = changed ? "refined" : "unchanged";
    return { ...(changed ? icp : rules), contradictions };
  } catch (err) {
    report.profile = "failed";
    report.errors.push(`profile: ${describeError(err)}`);
    log.warn("llm profile failed", { error: describeError(err) });
    return rules;
  }
}

/** Blends the model's 0–100 judgement (30 %) into the rules score of the top candidates, with its reason. */
export async function rescoreTop(
  env: Env,
  db: Db,
  log: Logger,
  icp: Icp,
  top: RankedCandidate[],
  report: LlmReport,
): Promise<RankedCandidate[]> {
  report.used = true;
  report.model = env.LLM_MODEL;
  const brief = top.map((r) => ({
    id: r.candidate.sourceId,
    title: r.candidate.jobTitle,
    company: r.candidate.companyName,
    industry: r.candidate.industry,
    size: r.candidate.companySize,
    country: r.candidate.country,
    signals: r.candidate.signals,
  }));
  try {
    const out = await cachedCall(db, "llm", log)(["rescore", env.LLM_MODEL, icp, brief], CACHE_TTL_S, () =>
      complete(
        env,
        "lead_scores",
        SCORES_JSON_SCHEMA,
        ScoresOut,
        "Score each lead 0-100 for fit with the ideal-client profile and give a one-sentence reason. Return every id once.",
        JSON.stringify({ profile: icp, leads: brief }),
        60 + 45 * brief.length,
      ),
    );
    const byId = new Map(out.scores.map((s) => [s.id, s]));
    const rescored = top.map((r) => {
      const s = byId.get(r.candidate.sourceId);
      if (!s) return r;
      const score = Math.round(r.score * 0.7 + s.score * 0.3);
      const breakdown = Object.fromEntries(
        Object.entries(r.breakdown).map(([k, v]) => [k, Math.round(v * 0.7 * 10) / 10]),
      );
      return {
        ...r,
        score,
        breakdown: { ...breakdown, llm: Math.round(s.score * 0.3 * 10) / 10 },
        reasons: [...r.reasons, `AI review: ${s.reason}`],
      };
    });
    report.rescoring = "applied";
    return rescored.sort((a, b) => b.score - a.score || (a.candidate.sourceId < b.candidate.sourceId ? -1 : 1));
  } catch (err) {
    report.rescoring = "failed";
    report.errors.push(`rescoring: ${describeError(err)}`);
    log.warn("llm rescoring failed", { error: describeError(err) });
    return top;
  }
}
