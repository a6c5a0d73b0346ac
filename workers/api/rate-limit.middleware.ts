import type { Context, MiddlewareHandler } from "hono";
import { AppError } from "../lib/app-error";
import { clientIp } from "../lib/client-ip";
import type { ApiEnv } from "./context";

const DEFAULTS = { user: 300, apiKey: 600, anonymous: 120, ip: 600, concurrent: 2, leaseSeconds: 300 } as const;

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

function tooMany(
  retryAfterSeconds: number,
  headers: Record<string, string> = {},
  details: Record<string, unknown> = {},
): AppError {
  return new AppError("RATE_LIMITED", "Too many requests. Slow down and retry after the indicated time.", {
    retryAfterSeconds,
    ...details,
    headers: { ...headers, "retry-after": String(retryAfterSeconds) },
  });
}

async function takeToken(c: Context<ApiEnv>, bucket: string, limit: number) {
  const decision = await c.env.RateLimiter.getByName(bucket).take(limit, limit / 60);
  const headers = {
    "ratelimit-limit": String(decision.limit),
    "ratelimit-remaining": String(decision.remaining),
    "ratelimit-reset": String(decision.resetSeconds),
  };
  if (!decision.allowed) throw tooMany(decision.retryAfterSeconds, headers);
  return headers;
}

/**
 * First line, before authentication and body parsing: a generous per-IP bucket, so floods of bad keys,
 * bad tokens or malformed bodies are refused without a database round trip or a parse.
 */
export const ipRateLimit: MiddlewareHandler<ApiEnv> = async (c, next) => {
  if (c.req.method === "OPTIONS") return next();
  await takeToken(c, `preauth-ip:${clientIp(c.req.raw, c.env)}`, positive(c.env.RATE_LIMIT_IP_PER_MINUTE, DEFAULTS.ip));
  return next();
};

/** After authentication: a token bucket per user, per API key, or per IP for anonymous calls (per minute). */
export const rateLimit: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const principal = c.var.principal;
  const [bucket, limit] = principal?.apiKeyId
    ? [`key:${principal.apiKeyId}`, positive(c.env.RATE_LIMIT_API_KEY_PER_MINUTE, DEFAULTS.apiKey)]
    : principal
      ? [`user:${principal.userId}`, positive(c.env.RATE_LIMIT_USER_PER_MINUTE, DEFAULTS.user)]
      : [`ip:${clientIp(c.req.raw, c.env)}`, positive(c.env.RATE_LIMIT_ANON_PER_MINUTE, DEFAULTS.anonymous)];
  const headers = await takeToken(c, bucket, limit);
  await next();
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
};

/** Routes that hold the database (or a provider) for long: at most N in flight per user. Add a row to add one. */
const EXPENSIVE_ROUTES: [method: string, path: RegExp][] = [
  ["POST", /^\/api\/lead-requests\/?$/],
  ["POST", /^\/api\/imports(\/preview)?\/?$/],
  ["GET", /^\/api\/leads\/export\.csv$/],
];

export function isExpensive(method: string, path: string): boolean {
  return EXPENSIVE_ROUTES.some(([m, p]) => m === method && p.test(path));
}

/**
 * One user cannot occupy every database connection: expensive routes take a lease from the user's limiter
 * (at most RATE_LIMIT_CONCURRENT_PER_USER at once). The lease is given back when the response has been
 * sent — for a streamed response (server-sent events, CSV export) when the stream ends or the client goes
 * away — and expires by itself after RATE_LIMIT_LEASE_SECONDS should the request die without releasing.
 */
export const concurrencyLimit: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const principal = c.var.principal;
  if (!principal || !isExpensive(c.req.method, c.req.path)) return next();
  const max = positive(c.env.RATE_LIMIT_CONCURRENT_PER_USER, DEFAULTS.concurrent);
  const ttlMs = positive(c.env.RATE_LIMIT_LEASE_SECONDS, DEFAULTS.leaseSeconds) * 1000;
  const limiter = c.env.RateLimiter.getByName(`inflight:user:${principal.userId}`);
  const leaseId = c.var.requestId + crypto.randomUUID();
  const lease = await limiter.acquire(leaseId, max, ttlMs);
  if (!lease.allowed) throw tooMany(lease.retryAfterSeconds, {}, { concurrentLimit: max });
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    c.executionCtx.waitUntil(limiter.release(leaseId).catch(() => {}));
  };
  try {
    await next();
  } catch (err) {
    release();
    throw err;
  }
  const body = c.res.body;
  if (!body || c.error) return release();
  c.res = new Response(releasingStream(body, release), c.res);
};

/** The same bytes, calling `onEnd` once when the stream finishes, fails, or the reader cancels it. */
function releasingStream(body: ReadableStream<Uint8Array>, onEnd: () => void): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          onEnd();
          controller.close();
        } else controller.enqueue(value);
      } catch (err) {
        onEnd();
        controller.error(err);
      }
    },
    async cancel(reason) {
      onEnd();
      await reader.cancel(reason).catch(() => {});
    },
  });
}
