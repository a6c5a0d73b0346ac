import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { postJson } from "../support/api-client";
import { createUser } from "../support/auth";

async function llmLog(marker: string) {
  const res = await fetch(`${env.LLM_BASE_URL.replace(/\/v1$/, "")}/__log?marker=${marker}`);
  return (await res.json()) as { schema: string; maxTokens: number; leadCount?: number }[];
}

interface ScoredLead {
  id: string;
  score: number;
  scoreBreakdown: Record<string, number>;
  scoreReasons: string[];
}

describe("optional LLM (local OpenAI-compatible fake)", () => {
  it("adds what the rules missed to the profile, re-scores the top with reasons, and caches by input", async () => {
    const user = await createUser("llm");
    const marker = crypto.randomUUID();
    const description = `Founders and people who run growth at SaaS companies in Germany "run:${marker}"`;
    const res = await postJson("/api/lead-requests", { description, sources: ["sample"] }, user.headers);
    expect(res.status).toBe(201);
    const { request, leads } = res.body;
    expect(request.llm).toEqual({
      used: true,
      model: "fake-model",
      profile: "refined",
      rescoring: "applied",
      errors: [],
      contradictions: [],
    });
    expect(request.icp).toMatchObject({
      parser: "llm",
      roles: ["Founder", "Head of Growth"],
      needs: ["seo"],
      industries: ["software"],
    });
    expect(leads.length).toBeGreaterThanOrEqual(20);
    for (const lead of leads) {
      expect(lead.scoreReasons.at(-1)).toMatch(/^AI review: Fits the profile/);
      expect(lead.scoreBreakdown.llm).toBeGreaterThanOrEqual(0);
    }
    for (let i = 1; i < leads.length; i++) expect(leads[i].score).toBeLessThanOrEqual(leads[i - 1].score);
    const calls = await llmLog(marker);
    expect(calls.map((c) => c.schema).sort()).toEqual(["ideal_client_profile", "lead_scores"]);
    expect(calls.every((c) => c.maxTokens > 0 && c.maxTokens <= 1500)).toBe(true);
    // Same input again: both answers come from the cache, the model is not asked twice.
    await postJson("/api/lead-requests", { description, sources: ["sample"] }, user.headers);
    expect(await llmLog(marker)).toHaveLength(2);
  });

  it("keeps the rules' reading where the model contradicts it, and says where", async () => {
    const user = await createUser("llm-contradiction");
    const description = `Partners at small accounting firms in Ohio with 20-50 employees "run:${crypto.randomUUID()}"`;
    const res = await postJson("/api/lead-requests", { description, sources: ["sample"] }, user.headers);
    expect(res.status).toBe(201);
    const { request } = res.body;
    const expected = [
      { field: "industries", rules: "targets accounting", model: "excludes accounting" },
      { field: "companySize", rules: "20–50 employees", model: "1,000+ employees" },
    ];
    expect(request.llm.contradictions).toEqual(expected);
    expect(request.icp.contradictions).toEqual(expected);
    expect(request.icp).toMatchObject({ industries: ["accounting"], companySize: { min: 20, max: 50 } });
    expect(request.icp.excludeIndustries).not.toContain("accounting");
  });

  it("blends the model's judgement into the rules score as 70 % rules + 30 % model, lead by lead", async () => {
    const user = await createUser("llm-blend");
    const marker = crypto.randomUUID();
    // The fake has no profile answer for this phrase, so the profile stays the rules' and only rescoring differs.
    const description = "Heads of sales at logistics companies in Spain";
    const rulesOnly = await postJson(
      "/api/lead-requests",
      { description: `${description} "llm:500"`, sources: ["sample"] },
      user.headers,
    );
    const blended = await postJson(
      "/api/lead-requests",
      { description: `${description} "run:${marker}"`, sources: ["sample"] },
      user.headers,
    );
    expect(rulesOnly.body.request.llm.rescoring).toBe("failed");
    expect(blended.body.request.llm).toMatchObject({ profile: "unchanged", rescoring: "applied" });
    // Same profile but for the quoted marker each description carries (a keyword no lead matches, whose words the
    // parser also lists as ignored).
    const withoutKeywords = ({ keywords: _k, ignored: _i, ...icp }: Record<string, unknown>) => icp;
    expect(withoutKeywords(blended.body.request.icp)).toEqual(withoutKeywords(rulesOnly.body.request.icp));

    const rulesScore = new Map((rulesOnly.body.leads as ScoredLead[]).map((l) => [l.id, l.score]));
    const [call] = (await llmLog(marker)).filter((c) => c.schema === "lead_scores");
    const n = call!.leadCount!;
    const reviewed = (blended.body.leads as ScoredLead[]).filter((l) =>
      l.scoreReasons.some((r) => r.startsWith("AI review")),
    );
    expect(reviewed.length).toBe(n);
    expect(n).toBeGreaterThan(0);
    for (const lead of reviewed) {
      const position = Number(/position (\d+) reviewed/.exec(lead.scoreReasons.at(-1)!)![1]);
      const model = Math.max(0, 100 - (n - position) * 4);
      const rules = rulesScore.get(lead.id);
      expect(rules, `lead ${lead.id} was in the rules-only answer`).toBeDefined();
      expect(lead.score, `lead at position ${position}`).toBe(Math.round(rules! * 0.7 + model * 0.3));
      expect(lead.scoreBreakdown.llm).toBe(Math.round(model * 0.3 * 10) / 10);
    }
  });

  it.each([
    ["a server error", "llm:500", /500/],
    ["a rate limit", "llm:429", /429/],
    ["a timeout", "llm:slow", /timed out|timeout/i],
    ["an answer that breaks the schema", "llm:garbage", /did not match the schema/],
    ["a refusal", "llm:refusal", /refused/],
  ])("keeps the rules result on %s and says so", async (_label, fault, message) => {
    const user = await createUser("llm-fault");
    const res = await postJson(
      "/api/lead-requests",
      { description: `Heads of marketing at SaaS companies in Germany "${fault}"`, sources: ["sample"] },
      user.headers,
    );
    expect(res.status).toBe(201);
    expect(res.body.request.status).toBe("completed");
    expect(res.body.request.icp.parser).toBe("rules");
    expect(res.body.request.llm).toMatchObject({ used: true, profile: "failed", rescoring: "failed" });
    expect(res.body.request.llm.errors.join(" ")).toMatch(message);
    expect(res.body.leads.length).toBeGreaterThanOrEqual(20);
    expect(res.body.leads[0].scoreReasons.some((r: string) => r.startsWith("AI review"))).toBe(false);
  });
});
