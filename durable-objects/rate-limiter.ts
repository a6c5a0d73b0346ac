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

/**
 * One token bucket per caller (user, API key or IP), addressed by name, so the limit holds across every
 * Worker isolate. The bucket lives in memory: an evicted (idle) limiter starts full again, which only ever
 * errs towards letting a quiet caller through.
 */
export class RateLimiter extends DurableObject<Env> {
  private tokens: number | undefined;
  private updatedAt = 0;
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
   * A fixed window of `limit` attempts per `windowSeconds`, counted in the same call that checks it (a
   * Durable Object handles one call at a time per name), so parallel callers cannot all slip under the
   * limit. Used for the sign-in lockout: a slot is reserved before the password check.
   */
  reserve(limit: number, windowSeconds: number): RateDecision {
    const now = Date.now();
    if (now >= this.windowEndsAt) {
      this.windowCount = 0;
      this.windowEndsAt = now + windowSeconds * 1000;
    }
    const allowed = this.windowCount < limit;
    if (allowed) this.windowCount += 1;
    const resetSeconds = Math.ceil((this.windowEndsAt - now) / 1000);
    return { allowed, limit, remaining: limit - this.windowCount, resetSeconds, retryAfterSeconds: allowed ? 0 : resetSeconds };
  }

  /** Gives back a slot taken by `reserve` (a successful sign-in does not count towards the lockout). */
  release(): void {
    if (this.windowCount > 0) this.windowCount -= 1;
  }
}
