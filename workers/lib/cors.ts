import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { allowedOrigins } from "./security-headers";

/** CORS for browser integrations on other sites: only origins listed in CORS_ALLOWED_ORIGINS. */
export function corsFromConfig(): MiddlewareHandler<{ Bindings: Env }> {
  return (c, next) =>
    cors({
      origin: (origin) => (allowedOrigins(c.env.CORS_ALLOWED_ORIGINS).includes(origin) ? origin : null),
      allowMethods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
      allowHeaders: [
        "authorization",
        "content-type",
        "x-api-key",
        "x-workspace-id",
        "x-request-id",
        "apikey",
        "x-client-info",
        "x-supabase-api-version",
      ],
      exposeHeaders: ["x-request-id", "retry-after", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"],
      maxAge: 600,
    })(c, next);
}
