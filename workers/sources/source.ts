// One interface for every lead source, so the engine runs them alike: in parallel, with timeouts,
// retries for retryable errors only, a circuit breaker and a response cache (source-runner.ts).
import type { Db } from "../db/client";
import type { Logger } from "../lib/logger";
import type { Actor } from "../services/actor";
import type { Candidate } from "../lead-engine/candidate";
import type { Icp, SourceName } from "../lead-engine/icp.schema";

export interface SourceQuery {
  icp: Icp;
  /** How many leads the request returns; sources fetch a few times more to rank from. */
  limit: number;
}

export interface SourceContext {
  env: Env;
  db: Db;
  actor: Actor;
  log: Logger;
  signal: AbortSignal;
  /** Cached JSON call: the same key within the TTL is answered from Postgres, not the provider. */
  cached<T>(key: unknown, ttlSeconds: number, load: () => Promise<T>): Promise<T>;
}

export interface LeadSource {
  name: SourceName;
  /** Whether the deployment has what this source needs (API key, base URL …). */
  configured(env: Env): boolean;
  /** Absent for enrichment-only providers (Clearbit), which join the waterfall but not generation. */
  search?(query: SourceQuery, ctx: SourceContext): Promise<Candidate[]>;
  /** Paid detail lookups for the best candidates only (e.g. Apollo people/match); returns them updated. */
  enrichTop?(candidates: Candidate[], ctx: SourceContext): Promise<Candidate[]>;
  /** One lead's details by what we already know (the enrichment waterfall). */
  lookup?(lead: LookupKeys, ctx: SourceContext): Promise<Partial<Candidate> | null>;
}

export interface LookupKeys {
  fullName: string | null;
  email: string | null;
  linkedinUrl: string | null;
  companyDomain: string | null;
  companyName: string | null;
  sourceRefs: Record<string, string>;
}

/** A provider error the runner understands: retryable ones (429, 5xx, network) are retried with backoff. */
export class SourceError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    /** From the provider's `Retry-After`: how long it asked us to wait before the next call. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "SourceError";
  }
}

/**
 * The provider accepted a lookup but has no answer yet (Clearbit's 202 "queued"): not a failure and not
 * "unknown" either — the enrichment waterfall keeps the lead pending and asks again later. Never cached.
 */
export class LookupPending extends Error {
  constructor(readonly source: string) {
    super(`${source} queued the lookup; ask again later`);
    this.name = "LookupPending";
  }
}

/**
 * `Retry-After` as milliseconds from `now`: delay-seconds (`120`) or an HTTP-date
 * (`Wed, 21 Oct 2026 07:28:00 GMT`); a date in the past is 0; anything else is undefined (no advice).
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP-date always names a weekday and GMT; a bare number with a sign or decimals is not valid.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** JSON over fetch with the provider's failures mapped onto SourceError. */
export async function fetchJson<T>(
  source: string,
  url: string,
  init: RequestInit & { signal: AbortSignal },
): Promise<{ status: number; body: T; headers: Headers }> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (err) {
    if (init.signal.aborted) throw new SourceError(`${source} timed out`, false);
    throw new SourceError(`${source} unreachable: ${(err as Error).message}`, true);
  }
  const text = await response.text();
  const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), Date.now());
  if (response.status === 429) throw new SourceError(`${source} rate limit reached`, true, 429, retryAfterMs);
  if (response.status >= 500)
    throw new SourceError(`${source} failed with HTTP ${response.status}`, true, response.status, retryAfterMs);
  if (response.status === 401 || response.status === 403)
    throw new SourceError(`${source} rejected the API key (HTTP ${response.status})`, false, response.status);
  let body: T;
  try {
    body = (text ? JSON.parse(text) : null) as T;
  } catch {
    throw new SourceError(
      `${source} answered HTTP ${response.status} with a body that is not JSON`,
      false,
      response.status,
    );
  }
  if (response.status >= 400 && response.status !== 404 && response.status !== 202)
    throw new SourceError(`${source} refused the request (HTTP ${response.status})`, false, response.status);
  return { status: response.status, body, headers: response.headers };
}
