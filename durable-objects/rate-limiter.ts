import { DurableObject } from "cloudflare:workers";

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** Seconds until the next request would be allowed (0 when allowed). */
  retryAfterSeconds: number;
}

export interface LeaseDecision {
  allowed: boolean;
  inFlight: number;
  /** Seconds until a slot is likely free (0 when allowed). */
  retryAfterSeconds: number;
}

/** A slot is usually given back within seconds; this is only a hint for well-behaved clients. */
const LEASE_RETRY_HINT_SECONDS = 2;

/**
 * One limiter per caller (user, API key or IP), addressed by name, so limits hold across every Worker
 * isolate. Two kinds of state, both in memory: a token bucket (requests per minute) and leases (requests
 * in flight). An evicted (idle) limiter starts empty, which only ever errs towards letting a quiet caller
 * through.
 */
export class RateLimiter extends DurableObject<Env> {
  private tokens: number | undefined;
  private updatedAt = 0;
  private leases = new Map<string, number>();
  private windowCount = 0;
  private windowEndsAt = 0;

  take(capacity: number, refillPerSecond: number): RateDecision {
    const now = Date.now();
    const elapsed = (now - this.updatedAt) / 1000;
    this.tokens = Math.min(capacity, (this.tokens ?? capacity) + elapsed * refillPerSecond);
    this.updatedAt = now;
    const allowed = this.tokens >= 1;
    if (allowed) this.tokens -= 1;
    return {
      allowed,
      limit: capacity,
      remaining: Math.floor(this.tokens),
      resetSeconds: Math.ceil((capacity - this.tokens) / refillPerSecond),
      retryAfterSeconds: allowed ? 0 : Math.ceil((1 - this.tokens) / refillPerSecond),
    };
  }

  /**
   * Takes one of `max` concurrent slots for `leaseId`, held until `release` or until `ttlMs` passes — a
   * request that crashed without releasing cannot keep its slot forever.
   */
  acquire(leaseId: string, max: number, ttlMs: number): LeaseDecision {
    const now = Date.now();
    for (const [id, expiresAt] of this.leases) if (expiresAt <= now) this.leases.delete(id);
    if (this.leases.size >= max) {
      const soonest = Math.min(...this.leases.values());
      return {
        allowed: false,
        inFlight: this.leases.size,
        retryAfterSeconds: Math.max(1, Math.min(LEASE_RETRY_HINT_SECONDS, Math.ceil((soonest - now) / 1000))),
      };
    }
    this.leases.set(leaseId, now + ttlMs);
    return { allowed: true, inFlight: this.leases.size, retryAfterSeconds: 0 };
  }

  release(leaseId: string): void {
    this.leases.delete(leaseId);
  }

  /**
   * A fixed window of `limit` attempts per `windowSeconds`, counted in the same call that checks it (a
   * Durable Object handles one call at a time per name), so parallel callers cannot all slip under the
   * limit. Used for the sign-in lockout: a slot is reserved before the password check.
   */
  reserveInWindow(limit: number, windowSeconds: number): RateDecision {
    const now = Date.now();
    if (now >= this.windowEndsAt) {
      this.windowCount = 0;
      this.windowEndsAt = now + windowSeconds * 1000;
    }
    const allowed = this.windowCount < limit;
    if (allowed) this.windowCount += 1;
    const resetSeconds = Math.ceil((this.windowEndsAt - now) / 1000);
    return {
      allowed,
      limit,
      remaining: limit - this.windowCount,
      resetSeconds,
      retryAfterSeconds: allowed ? 0 : resetSeconds,
    };
  }

  /** Gives back a slot taken by `reserveInWindow` (a successful sign-in does not count towards the lockout). */
  returnToWindow(): void {
    if (this.windowCount > 0) this.windowCount -= 1;
  }
}
