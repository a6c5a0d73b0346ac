import { describe, expect, it } from "vitest";
import type { Candidate } from "../lead-engine/candidate";
import { createLogger } from "../lib/logger";
import type { LeadSource, SourceContext } from "./source";
import { SourceError, parseRetryAfter } from "./source";
import { resetBreakers, retryWait, runSource } from "./source-runner";

const ctx = {
  env: {} as Env,
  db: {} as never,
  actor: {} as never,
  log: createLogger({}, "error"),
  cached: (async (_k: unknown, _t: number, load: () => Promise<unknown>) => load()) as SourceContext["cached"],
};
const source = (name: LeadSource["name"]): LeadSource => ({ name, configured: () => true, search: async () => [] });
const opts = { timeoutMs: 1_000, retries: 2, breakerThreshold: 2 };

describe("runSource", () => {
  it("retries retryable provider errors and then succeeds", async () => {
    resetBreakers();
    let calls = 0;
    const { result } = await runSource(
      source("apollo"),
      async () => {
        calls++;
        if (calls < 3) throw new SourceError("Apollo rate limit reached", true, 429);
        return [] as Candidate[];
      },
      ctx,
      opts,
    );
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
    expect((await runSource(source("clearbit"), failing, ctx, opts)).result).toMatchObject({
      status: "failed",
      error: "Apollo rejected the API key (HTTP 401)",
    });
    expect(calls).toBe(1);
    await runSource(source("clearbit"), failing, ctx, opts);
    const skipped = await runSource(source("clearbit"), failing, ctx, opts);
    expect(skipped.result).toMatchObject({ status: "skipped", error: expect.stringMatching(/paused/) });
    expect(calls).toBe(2);
  });

  it("gives up at the time budget even when the provider never answers", async () => {
    resetBreakers();
    // The work never settles, so returning at all means the budget ended it (no wall-clock bound: speed is bench/'s job).
    const { result } = await runSource(source("crunchbase"), () => new Promise<Candidate[]>(() => {}), ctx, {
      ...opts,
      timeoutMs: 200,
    });
    expect(result).toMatchObject({ status: "failed", error: "crunchbase timed out after 200 ms" });
  });
});

describe("retryWait", () => {
  const half = () => 0.5;
  it.each([
    ["Retry-After given", new SourceError("rate limit", true, 429, 3_000), 0, 3_000],
    ["Retry-After 0", new SourceError("rate limit", true, 429, 0), 2, 0],
    ["no Retry-After, first retry", new SourceError("HTTP 503", true, 503), 0, 150],
    ["no Retry-After, third retry", new SourceError("HTTP 503", true, 503), 2, 600],
    ["no Retry-After, capped", new SourceError("HTTP 503", true, 503), 9, 1_500],
    ["not a SourceError", new Error("boom"), 1, 300],
  ])("%s → %i ms", (_label, err, attempt, ms) => {
    expect(retryWait(err, attempt, half)).toBe(ms);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-10-21T07:28:00Z");
  it.each([
    ["120", 120_000],
    [" 0 ", 0],
    ["Wed, 21 Oct 2026 07:28:30 GMT", 30_000],
    ["Wed, 21 Oct 2026 07:27:00 GMT", 0],
    ["-5", undefined],
    ["1.5", undefined],
    ["soon", undefined],
    ["", undefined],
    [null, undefined],
  ])("%j → %j ms", (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });
});

describe("runSource with Retry-After", () => {
  it("fails at once, saying why, when the provider asks for a wait beyond the budget", async () => {
    resetBreakers();
    let calls = 0;
    const { result } = await runSource(
      source("apollo"),
      async () => {
        calls++;
        throw new SourceError("apollo rate limit reached", true, 429, 60_000);
      },
      ctx,
      opts,
    );
    expect(calls).toBe(1);
    expect(result).toMatchObject({
      status: "failed",
      error: "apollo rate limit reached (it asked to retry after 60 s, beyond the 1000 ms budget)",
    });
  });
});
