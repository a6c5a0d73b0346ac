import { describe, expect, it } from "vitest";
import type { Candidate } from "../lead-engine/candidate";
import { createLogger } from "../lib/logger";
import type { LeadSource, SourceContext } from "./source";
import { SourceError } from "./source";
import { resetBreakers, runSource } from "./source-runner";

const ctx = { env: {} as Env, db: {} as never, actor: {} as never, log: createLogger({}, "error"), cached: (async (_k: unknown, _t: number, load: () => Promise<unknown>) => load()) as SourceContext["cached"] };
const source = (name: LeadSource["name"]): LeadSource => ({ name, configured: () => true, search: async () => [] });
const opts = { timeoutMs: 1_000, retries: 2, breakerThreshold: 2 };

describe("runSource", () => {
  it("retries retryable provider errors and then succeeds", async () => {
    resetBreakers();
    let calls = 0;
    const { result } = await runSource(source("apollo"), async () => {
      calls++;
      if (calls < 3) throw new SourceError("Apollo rate limit reached", true, 429);
      return [] as Candidate[];
    }, ctx, opts);
    expect(calls).toBe(3);
    expect(result.status).toBe("ok");
  });

  it("does not retry a refused key, and opens the breaker after repeated failures", async () => {
    resetBreakers();
    let calls = 0;
    const failing = async () => {
      calls++;
      throw new SourceError("Apollo rejected the API key (HTTP 401)", false, 401);
    };
    expect((await runSource(source("clearbit"), failing, ctx, opts)).result).toMatchObject({ status: "failed", error: "Apollo rejected the API key (HTTP 401)" });
    expect(calls).toBe(1);
    await runSource(source("clearbit"), failing, ctx, opts);
    const skipped = await runSource(source("clearbit"), failing, ctx, opts);
    expect(skipped.result).toMatchObject({ status: "skipped", error: expect.stringMatching(/paused/) });
    expect(calls).toBe(2);
  });

  it("gives up at the time budget even when the provider never answers", async () => {
    resetBreakers();
    // The work never settles, so returning at all means the budget ended it (no wall-clock bound: speed is bench/'s job).
    const { result } = await runSource(source("crunchbase"), () => new Promise<Candidate[]>(() => {}), ctx, { ...opts, timeoutMs: 200 });
    expect(result).toMatchObject({ status: "failed", error: "crunchbase timed out after 200 ms" });
  });
});
