// Limits that protect everyone from one caller: a per-IP limit before any credential or body is looked at,
// and per-user concurrency on expensive routes while others (and /api/health) keep being served.
import { SELF, createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApi } from "../../workers/api/app";
import { BASE, call } from "../support/api-client";
import { createUser } from "../support/auth";

async function direct(path: string, init: RequestInit, overrides: Partial<Env>, api = createApi()) {
  const ctx = createExecutionContext();
  const res = await api.fetch(new Request(`http://app.test${path}`, init), { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

// Behind Cloudflare the edge's CF-Connecting-IP names the caller, so two IPs can be told apart here.
const behindCloudflare = { CLIENT_IP_SOURCE: "cloudflare", RATE_LIMIT_IP_PER_MINUTE: "10" };
// A database nobody listens on: any request that reached a query would fail with a 5xx.
const noDatabase = {
  HYPERDRIVE: { ...env.HYPERDRIVE, connectionString: "postgres://nobody@127.0.0.1:9/none" },
} as Partial<Env>;

describe("per-IP limit before authentication", () => {
  it("refuses a flood of bad credentials and malformed bodies with 429, without touching the database", async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 200) + 1}`;
    const api = createApi();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await direct(
        "/api/me",
        { headers: { authorization: `Bearer garbage-${i}`, "cf-connecting-ip": ip } },
        behindCloudflare,
        api,
      );
      statuses.push(res.status);
    }
    expect(statuses).toEqual(Array(10).fill(401));
    // Budget spent: bad API keys (which would need a database lookup), bad tokens and broken JSON are all
    // refused by the limiter, even with the database unreachable.
    const flood = [
      ...Array.from({ length: 20 }, (_, i) => ({
        path: "/api/me",
        init: { headers: { "x-api-key": `rlk_${"x".repeat(40)}${i}`, "cf-connecting-ip": ip } },
      })),
      ...Array.from({ length: 10 }, (_, i) => ({
        path: "/api/me",
        init: { headers: { authorization: `Bearer nonsense.${i}.token`, "cf-connecting-ip": ip } },
      })),
      ...Array.from({ length: 10 }, () => ({
        path: "/api/leads",
        init: {
          method: "POST",
          headers: { "content-type": "application/json", "cf-connecting-ip": ip },
          body: "{not json",
        },
      })),
    ];
    for (const { path, init } of flood) {
      const res = await direct(path, init, { ...behindCloudflare, ...noDatabase }, api);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("RATE_LIMITED");
    }
    // Another IP's budget is untouched: its bad token is still judged (401), not throttled.
    const other = await direct(
      "/api/me",
      { headers: { authorization: "Bearer garbage", "cf-connecting-ip": "203.0.113.77" } },
      behindCloudflare,
      api,
    );
    expect(other.status).toBe(401);
  });
});

describe("per-user concurrency on expensive routes", () => {
  it("answers 100 parallel lead requests from one user with 2xx or 429 only, while others are served", async () => {
    const [greedy, bystander] = await Promise.all([createUser("greedy"), createUser("bystander")]);
    const lead = (user: typeof greedy, accept = "application/json") =>
      SELF.fetch(`${BASE}/api/lead-requests`, {
        method: "POST",
        headers: { ...user.headers, "content-type": "application/json", accept },
        body: JSON.stringify({ description: "Heads of marketing at SaaS companies in Germany" }),
      });
    const flood = Array.from({ length: 100 }, (_, i) =>
      lead(greedy, i % 4 === 0 ? "text/event-stream" : "application/json").then(async (res) => {
        await res.text();
        return { status: res.status, retryAfter: res.headers.get("retry-after") };
      }),
    );
    // While the flood runs: the other user and the health check.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [others, health] = await Promise.all([
      Promise.all([
        call("/api/me", { headers: bystander.headers }),
        lead(bystander).then(async (r) => ({ status: r.status, body: await r.json() })),
      ]),
      Promise.all(Array.from({ length: 5 }, () => call("/api/health"))),
    ]);
    const results = await Promise.all(flood);

    const statuses = results.map((r) => r.status);
    expect(
      statuses.filter((s) => s !== 201 && s !== 429),
      JSON.stringify(statuses),
    ).toEqual([]);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    for (const r of results.filter((r) => r.status === 429)) expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(others.map((r) => r.status)).toEqual([200, 201]);
    expect(health.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(health[0]!.body.db).toBe("ok");

    // Every slot was given back (also by the streamed responses): the user can work again at once.
    expect((await lead(greedy)).status).toBe(201);
  }, 120_000);
});
