import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { postJson } from "../support/api-client";
import { createUser } from "../support/auth";

async function llmLog(marker: string) {
  const res = await fetch(`${env.LLM_BASE_URL.replace(/\/v1$/, "")}/__log?marker=${marker}`);
  return (await res.json()) as { schema: string; maxTokens: number }[];
}

describe("optional LLM (local OpenAI-compatible fake)", () => {
  it("adds what the rules missed to the profile, re-scores the top with reasons, and caches by input", async () => {
    const user = await createUser("llm");
    const marker = crypto.randomUUID();
    const description = `Founders and people who run growth at SaaS companies in Germany "run:${marker}"`;
    const res = await postJson("/api/lead-requests", { description, sources: ["sample"] }, user.headers);
    expect(res.status).toBe(201);
    const { request, leads } = res.body;
    expect(request.llm).toEqual({ used: true, model: "fake-model", profile: "refined", rescoring: "applied", errors: [] });
    expect(request.icp).toMatchObject({ parser: "llm", roles: ["Founder", "Head of Growth"], needs: ["seo"], industries: ["software"] });
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

  it.each([
    ["a server error", "llm:500", /500/],
    ["a rate limit", "llm:429", /429/],
    ["a timeout", "llm:slow", /timed out|timeout/i],
    ["an answer that breaks the schema", "llm:garbage", /did not match the schema/],
    ["a refusal", "llm:refusal", /refused/],
  ])("keeps the rules result on %s and says so", async (_label, fault, message) => {
    const user = await createUser("llm-fault");
    const started = Date.now();
    const res = await postJson("/api/lead-requests", { description: `Heads of marketing at SaaS companies in Germany "${fault}"`, sources: ["sample"] }, user.headers);
    expect(res.status).toBe(201);
    expect(res.body.request.status).toBe("completed");
    expect(res.body.request.icp.parser).toBe("rules");
    expect(res.body.request.llm).toMatchObject({ used: true, profile: "failed", rescoring: "failed" });
    expect(res.body.request.llm.errors.join(" ")).toMatch(message);
    expect(res.body.leads.length).toBeGreaterThanOrEqual(20);
    expect(res.body.leads[0].scoreReasons.some((r: string) => r.startsWith("AI review"))).toBe(false);
    expect(Date.now() - started).toBeLessThan(6_000);
  });
});
