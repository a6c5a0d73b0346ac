import type { MiddlewareHandler } from "hono";
import { AppError } from "../lib/app-error";
import { clientIp } from "../lib/client-ip";
import type { ApiEnv } from "./context";

const DEFAULTS = { user: 300, apiKey: 600, anonymous: 120 } as const;

function perMinute(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** Token bucket per user, per API key, or per IP for anonymous calls; limits are requests per minute. */
export const rateLimit: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const principal = c.var.principal;
  const [bucket, limit] = principal?.apiKeyId
    ? [`key:${principal.apiKeyId}`, perMinute(c.env.RATE_LIMIT_API_KEY_PER_MINUTE, DEFAULTS.apiKey)]
    : principal
      ? [`user:${principal.userId}`, perMinute(c.env.RATE_LIMIT_USER_PER_MINUTE, DEFAULTS.user)]
      : [`ip:${clientIp(c.req.raw, c.env)}`, perMinute(c.env.RATE_LIMIT_ANON_PER_MINUTE, DEFAULTS.anonymous)];

  const decision = await c.env.RateLimiter.getByName(bucket).take(limit, limit / 60);
  const headers = {
    "ratelimit-limit": String(decision.limit),
    "ratelimit-remaining": String(decision.remaining),
    "ratelimit-reset": String(decision.resetSeconds),
  };
  if (!decision.allowed) {
    throw new AppError("RATE_LIMITED", "Too many requests. Slow down and retry after the indicated time.", {
      retryAfterSeconds: decision.retryAfterSeconds,
      headers: { ...headers, "retry-after": String(decision.retryAfterSeconds) },
    });
  }
  await next();
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
};
