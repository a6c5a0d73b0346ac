// Checks every API request gets, whatever route it reaches, so no route can forget them.
import type { MiddlewareHandler } from "hono";
import { AppError } from "../lib/app-error";
import { UNSTORABLE_MESSAGE, unstorablePaths } from "../lib/validation";
import type { ApiEnv } from "./context";

/** Methods some API route may answer; anything else (TRACE, CONNECT, PROPFIND…) is refused up front. */
export const API_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const KNOWN = new Set<string>(API_METHODS);

export const rejectUnsupportedMethod: MiddlewareHandler<ApiEnv> = (c, next) => {
  if (KNOWN.has(c.req.method)) return next();
  throw methodNotAllowed(
    c.req.method,
    API_METHODS.filter((m) => m !== "OPTIONS" && m !== "PUT"),
  );
};

export function methodNotAllowed(method: string, allow: readonly string[]): AppError {
  return new AppError("METHOD_NOT_ALLOWED", `${method} is not supported here.`, {
    allow,
    headers: { allow: allow.join(", ") },
  });
}

/**
 * NUL characters and unpaired surrogates cannot be stored by Postgres. Any in the path, the query or the
 * (already parsed) JSON body is a 422 naming the field, before a route or the database sees it.
 */
export const rejectUnstorableText: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const url = new URL(c.req.url);
  const segments = url.pathname.split("/").map(safeDecode);
  if (unstorablePaths(segments).length > 0) throw unstorable("path", { path: [UNSTORABLE_MESSAGE] });
  const query: Record<string, string[]> = {};
  for (const [key, value] of url.searchParams) (query[key] ??= []).push(value);
  const badQuery = unstorablePaths(query);
  if (badQuery.length > 0) throw unstorable("query", fieldsOf(badQuery.map((p) => p.replace(/\.\d+$/, ""))));
  // Webhook bodies stay raw for their signature check (app.ts); their providers' parsers refuse what cannot be stored.
  const rawBody = url.pathname.startsWith("/api/hooks/");
  if (!rawBody && /\bjson\b/i.test(c.req.header("content-type") ?? "") && c.req.raw.body && c.req.method !== "GET") {
    const body = await c.req.json().catch(() => undefined); // parsed (and cached) by parseJsonBody already
    const badBody = unstorablePaths(body);
    if (badBody.length > 0) throw unstorable("body", fieldsOf(badBody));
  }
  return next();
};

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // not percent-encoded UTF-8: the route's own validation refuses it
  }
}

function fieldsOf(paths: string[]): Record<string, string[]> {
  return Object.fromEntries(paths.map((p) => [p, [UNSTORABLE_MESSAGE]]));
}

function unstorable(location: string, fields: Record<string, string[]>): AppError {
  return new AppError("VALIDATION_FAILED", `The request ${location} is not valid.`, { location, fields });
}
