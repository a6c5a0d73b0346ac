import { SELF, createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { createClient } from "@supabase/supabase-js";
import { describe, expect, it, vi } from "vitest";
import { createApi } from "../../workers/api/app";
import { BASE, call } from "../support/api-client";
import { createUser, getAnonKey } from "../support/auth";

async function direct(
  path: string,
  init: RequestInit,
  overrides: Partial<Env>,
  api: { fetch(req: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> } = createApi(),
) {
  const ctx = createExecutionContext();
  const res = await api.fetch(new Request(`http://app.test${path}`, init), { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe("security headers", () => {
  it.each(["/api/health", "/api/nope", "/auth/v1/settings"])("are on %s", async (path) => {
    const res = await call(path);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });
});

describe("CORS", () => {
  const preflight = (origin: string) => ({
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers": "authorization,content-type",
    },
  });

  it("answers preflights only for configured origins", async () => {
    const config = { CORS_ALLOWED_ORIGINS: "https://partner.example, https://crm.example/" };
    const allowed = await direct("/api/me", preflight("https://crm.example"), config);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://crm.example");
    expect(allowed.headers.get("access-control-allow-headers")).toContain("authorization");

    const denied = await direct("/api/me", preflight("https://evil.example"), config);
    expect(denied.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("lets a partner site's supabase-js through the preflight with every header it really sends", async () => {
    const sent = new Set<string>();
    const client = createClient(BASE, await getAnonKey(), {
      auth: { persistSession: false, autoRefreshToken: false },
      global: {
        fetch: (input, init) => {
          for (const [name] of new Headers(init?.headers)) sent.add(name.toLowerCase());
          return SELF.fetch(input as string, init);
        },
      },
    });
    await client.auth.signInWithPassword({ email: "nobody@example.test", password: "not-their-password" });
    const needed = [...sent].filter((h) => !["accept", "accept-language", "content-language"].includes(h));
    expect(needed).toEqual(expect.arrayContaining(["apikey", "x-client-info", "x-supabase-api-version"]));
    // /auth/v1 and /api answer preflights with the same middleware (corsFromConfig).
    for (const path of ["/api/me", "/api/lead-requests"]) {
      const res = await direct(
        path,
        {
          method: "OPTIONS",
          headers: {
            origin: "https://crm.example",
            "access-control-request-method": "POST",
            "access-control-request-headers": needed.join(","),
          },
        },
        { CORS_ALLOWED_ORIGINS: "https://crm.example" },
      );
      const allowed = (res.headers.get("access-control-allow-headers") ?? "").toLowerCase().split(/\s*,\s*/);
      expect(allowed, path).toEqual(expect.arrayContaining(needed));
    }
  });

  it("allows no cross-origin caller by default", async () => {
    const res = await call("/api/health", { headers: { origin: "https://partner.example" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("rate limiting", () => {
  it("gives each user a token bucket, shared across isolates, with standard headers", async () => {
    const [user, other] = [await createUser("ratelimited"), await createUser("unaffected")];
    const limits = { RATE_LIMIT_USER_PER_MINUTE: "3" };
    // A second isolate: the Worker's modules loaded afresh, so none of the first one's in-memory state is
    // shared. Only a bucket kept outside the isolate (the RateLimiter Durable Object) counts across both.
    vi.resetModules();
    const fresh = (await import("../../workers/api/app")) as typeof import("../../workers/api/app");
    expect(fresh.createApi).not.toBe(createApi);
    const [isolateA, isolateB] = [createApi(), fresh.createApi()];
    // Reloading modules makes the test runner restart the Durable Objects that were live (their next call
    // fails once with "invalidating this Durable Object"): one warm-up call, not counted.
    for (let i = 0; i < 3 && (await direct("/api/health", {}, {}, isolateB)).status !== 200; i++);
    const statuses: number[] = [];
    let last: Response | undefined;
    for (const api of [isolateA, isolateB, isolateA, isolateB]) {
      last = await direct("/api/me", { headers: user.headers }, limits, api);
      statuses.push(last.status);
      if (last.status === 200) expect(last.headers.get("ratelimit-limit")).toBe("3");
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(last!.headers.get("ratelimit-remaining")).toBe("0");
    const body = (await last!.json()) as { error: { code: string; details: Record<string, unknown> } };
    expect(body.error.code).toBe("RATE_LIMITED");
    expect(body.error.details).not.toHaveProperty("headers");

    expect((await direct("/api/me", { headers: other.headers }, limits)).status).toBe(200);
  });
});
