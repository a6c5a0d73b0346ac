import { SELF, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { BASE, postJson } from "../support/api-client";
import { createUser } from "../support/auth";

const APOLLO_LOG = env.APOLLO_BASE_URL.replace(/\/api\/v1$/, "/__log");

async function apolloLog(marker: string) {
  const res = await fetch(`${APOLLO_LOG}?marker=${marker}`);
  return (await res.json()) as { path: string; ids: string[]; returned: number }[];
}

describe("Apollo source (local fake of the documented API)", () => {
  it("searches for free, enriches only the top N with bulk_match, and returns Apollo leads", async () => {
    const user = await createUser("apollo");
    const marker = crypto.randomUUID();
    const res = await postJson("/api/lead-requests", { description: `Founders and CEOs in the United States "run:${marker}"`, limit: 20 }, user.headers);
    expect(res.status).toBe(201);
    expect(res.body.request.sources).toEqual(expect.arrayContaining([expect.objectContaining({ name: "apollo", status: "ok" })]));
    expect(res.body.request.sources.map((s: { name: string }) => s.name)).not.toContain("sample");
    // Default sources: every configured provider (Apollo, Crunchbase) and the lists — never the sample.
    const leads = res.body.leads as { fullName: string; email: string; sources: string[]; location: { country: string } }[];
    const fromApollo = leads.filter((l) => l.sources.includes("apollo"));
    expect(fromApollo.length).toBeGreaterThanOrEqual(10);
    for (const lead of fromApollo) {
      expect(lead.email).toMatch(/@/);
      expect(lead.fullName).not.toMatch(/\*/);
      expect(lead.location.country).toBe("US");
    }
    const log = await apolloLog(marker);
    const searches = log.filter((e) => e.path.endsWith("/mixed_people/api_search"));
    const matches = log.filter((e) => e.path.endsWith("/people/bulk_match"));
    expect(searches).toHaveLength(1);
    expect(searches[0]!.returned).toBe(100);
    const enriched = matches.flatMap((m) => m.ids);
    expect(matches.every((m) => m.ids.length <= 10)).toBe(true);
    expect(enriched.length).toBe(20);
    expect(new Set(enriched).size).toBe(20);
  });

  it.each([
    ["a 500", "fault:500", /failed with HTTP 500/],
    ["a 429 that outlasts the retries", "fault:429", /rate limit/],
    ["a timeout", "fault:slow", /timed out/],
  ])("reports %s in sources while the other sources still return", async (_label, fault, message) => {
    const user = await createUser("apollo-fault");
    const res = await postJson("/api/lead-requests", { description: `Heads of marketing at SaaS companies in Germany "${fault}"`, sources: ["apollo", "sample"] }, user.headers);
    expect(res.status).toBe(201);
    expect(res.body.request.status).toBe("completed");
    const apollo = res.body.request.sources.find((s: { name: string }) => s.name === "apollo");
    expect(apollo).toMatchObject({ status: "failed", count: 0, error: expect.stringMatching(message) });
    expect(res.body.leads.length).toBeGreaterThanOrEqual(20);
    expect(res.body.leads.every((l: { sources: string[] }) => l.sources.includes("sample"))).toBe(true);
  });

  it("streams the first lead before a slow source has answered, not all at once at the end", async () => {
    const user = await createUser("apollo-sse");
    const res = await SELF.fetch(`${BASE}/api/lead-requests`, {
      method: "POST",
      headers: { ...user.headers, "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ description: 'Heads of marketing at SaaS companies in Germany "fault:slow"', sources: ["sample", "apollo"] }),
    });
    // Which read of the stream each event arrived in: a server that buffered until Apollo gave up would
    // deliver the leads and Apollo's verdict together.
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    let reads = 0;
    let firstLeadRead = -1;
    let apolloDoneRead = -1;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      reads++;
      text += decoder.decode(value, { stream: true });
      if (firstLeadRead < 0 && text.includes("event: lead")) firstLeadRead = reads;
      if (apolloDoneRead < 0 && /"name":"apollo","phase":"finish"/.test(text)) apolloDoneRead = reads;
    }
    expect(text.trim().split("\n\n").at(-1)).toMatch(/^event: done/);
    expect(text).toMatch(/"name":"apollo","phase":"finish","status":"failed"[^\n]*timed out/);
    expect(firstLeadRead).toBeGreaterThan(0);
    expect(apolloDoneRead).toBeGreaterThan(firstLeadRead);
  });
});
