import { SELF, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { BASE, postJson } from "../support/api-client";
import { createUser } from "../support/auth";
import { readLeadStream } from "../support/event-stream";

const APOLLO_LOG = env.APOLLO_BASE_URL.replace(/\/api\/v1$/, "/__log");

async function apolloLog(marker: string) {
  const res = await fetch(`${APOLLO_LOG}?marker=${marker}`);
  return (await res.json()) as { path: string; ids: string[]; returned: number; status: number; at: number }[];
}

describe("Apollo source (local fake of the documented API)", () => {
  it("searches for free, enriches only the top N with bulk_match, and returns Apollo leads", async () => {
    const user = await createUser("apollo");
    const marker = crypto.randomUUID();
    const res = await postJson(
      "/api/lead-requests",
      { description: `Founders and CEOs in the United States "run:${marker}"`, limit: 20 },
      user.headers,
    );
    expect(res.status).toBe(201);
    expect(res.body.request.sources).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "apollo", status: "ok" })]),
    );
    expect(res.body.request.sources.map((s: { name: string }) => s.name)).not.toContain("sample");
    // Default sources: every configured provider (Apollo, Crunchbase) and the lists — never the sample.
    const leads = res.body.leads as {
      fullName: string;
      email: string;
      sources: string[];
      location: { country: string };
    }[];
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
    const res = await postJson(
      "/api/lead-requests",
      { description: `Heads of marketing at SaaS companies in Germany "${fault}"`, sources: ["apollo", "sample"] },
      user.headers,
    );
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
      body: JSON.stringify({
        description: 'Heads of marketing at SaaS companies in Germany "fault:slow"',
        sources: ["sample", "apollo"],
      }),
    });
    // Which read of the stream each event arrived in: a server that buffered until Apollo gave up would
    // deliver the leads and Apollo's verdict in the same read.
    let reads = 0;
    let text = "";
    let apolloDoneRead = -1;
    const decoder = new TextDecoder();
    const counted = res.body!.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          reads++;
          text += decoder.decode(chunk, { stream: true });
          if (apolloDoneRead < 0 && /"name":"apollo","phase":"finish"/.test(text)) apolloDoneRead = reads;
          controller.enqueue(chunk);
        },
      }),
    );
    const { events, firstLeadAt: firstLeadRead } = await readLeadStream(counted, () => reads);
    expect(events.at(-1)?.event).toBe("done");
    const apolloDone = events.find(
      (e) =>
        e.event === "source" &&
        (e.data as { name: string; phase: string }).name === "apollo" &&
        (e.data as { phase: string }).phase === "finish",
    );
    expect(apolloDone?.data).toMatchObject({ status: "failed", error: expect.stringMatching(/timed out/) });
    expect(firstLeadRead).toBeGreaterThan(0);
    expect(apolloDoneRead).toBeGreaterThan(firstLeadRead);
  });

  it.each([
    ["delay-seconds", "after"],
    ["HTTP-date", "date"],
  ])("waits for a 429's Retry-After (%s form) before the retry, which succeeds", async (_label, form) => {
    const user = await createUser("apollo-retry-after");
    const marker = crypto.randomUUID();
    const description = `Heads of marketing at SaaS companies in Germany "fault:retry-${form}:1" "run:${marker}"`;
    const res = await postJson("/api/lead-requests", { description, sources: ["apollo", "sample"] }, user.headers);
    expect(res.status).toBe(201);
    expect(res.body.request.sources.find((s: { name: string }) => s.name === "apollo")).toMatchObject({ status: "ok" });
    const searches = (await apolloLog(marker)).filter((e) => e.path.endsWith("/mixed_people/api_search"));
    expect(searches.map((e) => e.status)).toEqual([429, 200]);
    // Delay-seconds "1": the retry came no sooner than the provider asked (the jittered backoff is ≤ 200 ms).
    if (form === "after") expect(searches[1]!.at - searches[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it("gives up at once when Retry-After asks for more than the source's time budget", async () => {
    const user = await createUser("apollo-retry-long");
    const marker = crypto.randomUUID();
    const description = `Heads of marketing at SaaS companies in Germany "fault:retry-after:30" "run:${marker}"`;
    const res = await postJson("/api/lead-requests", { description, sources: ["apollo", "sample"] }, user.headers);
    expect(res.status).toBe(201);
    const apollo = res.body.request.sources.find((s: { name: string }) => s.name === "apollo");
    expect(apollo).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/rate limit reached \(it asked to retry after 30 s, beyond the 2000 ms budget\)/),
    });
    expect((await apolloLog(marker)).filter((e) => e.path.endsWith("/mixed_people/api_search"))).toHaveLength(1);
  });
});
