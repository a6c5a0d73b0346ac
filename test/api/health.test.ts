import { SELF, createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { version } from "../../package.json";
import { createApi } from "../../workers/api/app";

describe("GET /api/health", () => {
  it("reports ok with a real database round trip and the app version", async () => {
    const res = await SELF.fetch("http://app.test/api/health");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ status: "ok", db: "ok", version });
  });

  it("answers 503 with db down when Postgres is unreachable", async () => {
    const downEnv = {
      ...env,
      HYPERDRIVE: { ...env.HYPERDRIVE, connectionString: "postgres://postgres@127.0.0.1:1/none" },
    };
    const ctx = createExecutionContext();
    const res = await createApi().fetch(new Request("http://app.test/api/health"), downEnv, ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "degraded", db: "down", version });
  });
});
