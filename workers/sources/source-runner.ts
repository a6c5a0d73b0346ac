// Runs sources in parallel: each with its own timeout, retries only for retryable errors (with jittered
// backoff inside the time budget), a per-isolate circuit breaker, and reports ok | failed | skipped.
import { describeError } from "../lib/logger";
import type { Candidate } from "../lead-engine/candidate";
import type { SourceName } from "../lead-engine/icp.schema";
import type { LeadSource, SourceContext } from "./source";
import { SourceError } from "./source";

export interface SourceResult {
  name: SourceName;
  status: "ok" | "failed" | "skipped";
  count: number;
  error?: string;
  durationMs: number;
}

const BREAKER_COOL_DOWN_MS = 30_000;
const breakers = new Map<string, { failures: number; openUntil: number }>();

export function resetBreakers() {
  breakers.clear();
}

function breakerOpen(name: string, now: number): boolean {
  const b = breakers.get(name);
  return !!b && b.openUntil > now;
}

function recordOutcome(name: string, ok: boolean, now: number, threshold: number) {
  if (ok) return void breakers.delete(name);
  const b = breakers.get(name) ?? { failures: 0, openUntil: 0 };
  b.failures += 1;
  // Open after repeated failures so a dead provider stops costing every request its full timeout.
  if (b.failures >= threshold) b.openUntil = now + BREAKER_COOL_DOWN_MS;
  breakers.set(name, b);
}

/** The deployment's source settings (wrangler vars), shared by generation and the enrichment waterfall. */
export function runOptions(env: Env): RunOptions {
  return {
    timeoutMs: Number(env.SOURCE_TIMEOUT_MS) || 8_000,
    retries: 2,
    breakerThreshold: Number(env.SOURCE_BREAKER_THRESHOLD) || 3,
  };
}

export interface RunOptions {
  timeoutMs: number;
  retries: number;
  /** Consecutive failed runs that open the breaker. */
  breakerThreshold: number;
  /** Jitter source (tests pass a seeded one). */
  random?: () => number;
}

export async function runSource(
  source: LeadSource,
  work: (ctx: SourceContext) => Promise<Candidate[]>,
  baseCtx: Omit<SourceContext, "signal">,
  opts: RunOptions,
): Promise<{ result: SourceResult; candidates: Candidate[] }> {
  const started = Date.now();
  const done = (status: SourceResult["status"], candidates: Candidate[], error?: string) => ({
    result: {
      name: source.name,
      status,
      count: candidates.length,
      durationMs: Date.now() - started,
      ...(error ? { error } : {}),
    },
    candidates,
  });
  if (breakerOpen(source.name, started))
    return done("skipped", [], `${source.name} failed repeatedly; paused for ${BREAKER_COOL_DOWN_MS / 1000} s`);
  const signal = AbortSignal.timeout(opts.timeoutMs);
  for (let attempt = 0; ; attempt++) {
    try {
      const candidates = await raceAbort(work({ ...baseCtx, signal }), signal, source.name, opts.timeoutMs);
      recordOutcome(source.name, true, Date.now(), opts.breakerThreshold);
      return done("ok", candidates);
    } catch (err) {
      const retryable = err instanceof SourceError && err.retryable && !signal.aborted;
      const wait = retryWait(err, attempt, opts.random ?? Math.random);
      const fits = Date.now() - started + wait < opts.timeoutMs;
      if (retryable && attempt < opts.retries && fits) {
        await new Promise((r) => setTimeout(r, wait));
        continue;
      }
      recordOutcome(source.name, false, Date.now(), opts.breakerThreshold);
      let message = err instanceof SourceError ? err.message : `${source.name} failed`;
      if (retryable && !fits && err instanceof SourceError && err.retryAfterMs !== undefined)
        message += ` (it asked to retry after ${Math.ceil(err.retryAfterMs / 1000)} s, beyond the ${opts.timeoutMs} ms budget)`;
      if (!(err instanceof SourceError))
        baseCtx.log.error("source failed", { source: source.name, ...describeError(err) });
      return done("failed", [], message);
    }
  }
}

/**
 * How long to wait before retry `attempt` (0-based): what the provider asked for in `Retry-After`, else
 * jittered exponential backoff (100–200 ms, 200–400 ms … up to 2 s). The caller gives up instead when the
 * wait does not fit in the source's time budget.
 */
export function retryWait(err: unknown, attempt: number, random: () => number = Math.random): number {
  if (err instanceof SourceError && err.retryAfterMs !== undefined) return err.retryAfterMs;
  return Math.min(2_000, 200 * 2 ** attempt) * (0.5 + random() / 2);
}

/** A provider that ignores the abort signal still cannot hold the request past its budget. */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal, name: string, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new SourceError(`${name} timed out after ${timeoutMs} ms`, false));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
