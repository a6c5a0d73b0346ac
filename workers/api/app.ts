import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { connectionGate, isDatabaseUnavailable, lazyDb } from "../db/client";
import { AppError, codeForStatus } from "../lib/app-error";
import { corsFromConfig } from "../lib/cors";
import { createLogger, describeError, parseLogLevel } from "../lib/logger";
import { REQUEST_ID_HEADER, resolveRequestId } from "../lib/request-id";
import { validationError } from "../lib/validation";
import { SECURITY_SCHEMES } from "./access";
import { buildOpenApiDocument } from "./openapi-document";
import { apiKeyRoutes } from "./api-keys.routes";
import { authenticate } from "./auth.middleware";
import { concurrencyLimit, ipRateLimit, rateLimit } from "./rate-limit.middleware";
import { methodNotAllowed, rejectUnstorableText, rejectUnsupportedMethod } from "./request-guards.middleware";
import { authConfigRoutes } from "./auth-config.routes";
import { clientErrorRoutes } from "./client-errors.routes";
import type { ApiEnv } from "./context";
import { cardRoutes } from "./cards.routes";
import { channelRoutes } from "./channels.routes";
import { linkedinChannelRoutes } from "./linkedin-channels.routes";
import { conversationRoutes } from "./conversations.routes";
import { healthRoutes } from "./health.routes";
import { HOOKS_PREFIX, hookRoutes } from "./hooks.routes";
import { importRoutes } from "./imports.routes";
import { leadRequestRoutes } from "./lead-requests.routes";
import { leadRoutes } from "./leads.routes";
import { memberRoutes } from "./members.routes";
import { metaConnectRoutes } from "./meta-connect.routes";
import { messageRoutes } from "./messages.routes";
import { messagingSettingsRoutes } from "./messaging-settings.routes";
import { pipelineRoutes } from "./pipelines.routes";
import { suppressionRoutes } from "./suppressions.routes";
import { workspaceRoutes } from "./workspaces.routes";
import { xConnectRoutes } from "./x-connect.routes";

const DEFAULT_BODY_LIMIT = 1024 * 1024;
const METHODS_WITH_BODY = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function createApi() {
  const api = new OpenAPIHono<ApiEnv>({
    defaultHook: (result, _c) => {
      if (!result.success) throw validationError(result.error, result.target ?? "body");
      return undefined;
    },
  }).basePath("/api");

  // Cheapest refusals first: the per-IP limit runs before any body is read or any credential looked up.
  api.use(
    corsFromConfig(),
    requestContext,
    rejectUnsupportedMethod,
    ipRateLimit,
    limitBody,
    parseJsonBody,
    rejectUnstorableText,
  );
  api.use(holdDbSlot, authenticate, rateLimit, concurrencyLimit);
  api.route("/", healthRoutes);
  api.route("/", clientErrorRoutes);
  api.route("/", authConfigRoutes);
  api.route("/", workspaceRoutes);
  api.route("/", apiKeyRoutes);
  api.route("/", memberRoutes);
  // Before leadRoutes: /leads/export.csv must not be read as /leads/{id}.
  api.route("/", importRoutes);
  api.route("/", leadRoutes);
  api.route("/", suppressionRoutes);
  api.route("/", leadRequestRoutes);
  api.route("/", pipelineRoutes);
  api.route("/", cardRoutes);
  // Before any /messages/{id} route: /messages/failed is a list, not a message id.
  api.route("/", conversationRoutes);
  api.route("/", messageRoutes);
  api.route("/", messagingSettingsRoutes);
  api.route("/", metaConnectRoutes);
  api.route("/", xConnectRoutes);
  api.route("/", channelRoutes);
  api.route("/", linkedinChannelRoutes);
  api.route("/", hookRoutes);
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES))
    api.openAPIRegistry.registerComponent("securitySchemes", name, scheme);
  api.get("/openapi.json", (c) => c.json(buildOpenApiDocument(api, new URL(c.req.url).origin)));

  api.notFound((c) => {
    const allow = allowedMethods(api.routes, c.req.path);
    if (allow.length > 0) throw methodNotAllowed(c.req.method, allow);
    throw new AppError("RESOURCE_NOT_FOUND", `No API route matches ${c.req.method} ${c.req.path}.`);
  });
  api.onError(renderError);
  return api;
}

/** The methods routes answer on `path` (a path some route matches with another method gets 405, not 404). */
function allowedMethods(routes: { method: string; path: string }[], path: string): string[] {
  const methods = new Set<string>();
  for (const route of routes) {
    if (route.method === "ALL" || route.path.endsWith("*")) continue;
    const pattern = new RegExp(`^${route.path.replace(/\./g, "\\.").replace(/:[^/]+/g, "[^/]+")}/?$`);
    if (pattern.test(path)) methods.add(route.method);
  }
  if (methods.has("GET")) methods.add("HEAD");
  return [...methods].sort();
}

const requestContext: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const started = Date.now();
  const requestId = resolveRequestId(c.req.header(REQUEST_ID_HEADER) ?? null);
  const log = createLogger({ requestId }, parseLogLevel(c.env.LOG_LEVEL));
  const database = lazyDb(c.env.HYPERDRIVE.connectionString);
  c.set("requestId", requestId);
  c.set("log", log);
  c.set("database", database);
  try {
    await next();
  } finally {
    c.executionCtx.waitUntil(database.close().catch(() => {}));
    c.header(REQUEST_ID_HEADER, requestId);
    log.info("request", {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Date.now() - started,
    });
  }
};

const DB_WAIT_MS = 15_000;

/**
 * A turn at the database for the rest of the request (authentication looks up keys and memberships), from
 * the isolate's bounded gate: under a burst requests queue here instead of exhausting Postgres. The turn
 * ends once the request's connections are closed. Streamed responses hold their own client.
 */
const holdDbSlot: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const release = await connectionGate(c.env.DB_MAX_CONNECTIONS)
    .acquire(DB_WAIT_MS)
    .catch(() => {
      throw new AppError("SERVICE_UNAVAILABLE", "The database is busy. Retry shortly.", {
        headers: { "retry-after": "1" },
      });
    });
  try {
    await next();
  } finally {
    c.executionCtx.waitUntil(
      c.var.database
        .close()
        .catch(() => {})
        .finally(release),
    );
  }
};

const limitBody: MiddlewareHandler<ApiEnv> = (c, next) => {
  // CSV imports are streamed and hold their own, larger limit (IMPORT_MAX_BYTES).
  if (!METHODS_WITH_BODY.has(c.req.method) || c.req.path.startsWith("/api/imports")) return next();
  const maxSize = Number(c.env.API_BODY_LIMIT_BYTES) || DEFAULT_BODY_LIMIT;
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError("PAYLOAD_TOO_LARGE", `The request body exceeds ${maxSize} bytes.`, { maxBytes: maxSize });
    },
  })(c, next);
};

/** Parses JSON bodies once, up front, so malformed JSON is a 400 on every route (and on unknown ones). */
const parseJsonBody: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const type = c.req.header("content-type") ?? "";
  // Webhooks are verified over their raw bytes: once parsed here, Hono would hand out a re-serialised copy.
  if (c.req.path.startsWith(HOOKS_PREFIX)) return next();
  if (METHODS_WITH_BODY.has(c.req.method) && /\bjson\b/i.test(type) && c.req.raw.body) {
    try {
      await c.req.json(); // cached by Hono for the route's validator
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError("INVALID_JSON", "The request body is not valid JSON.");
    }
  }
  return next();
};

function renderError(err: Error, c: Context<ApiEnv>): Response {
  const appError = toAppError(err, c);
  if (appError.status >= 500) c.var.log?.error("unhandled error", describeError(err));
  // Headers travel inside the error (e.g. Retry-After on 429) but never appear in its body.
  const { headers, ...details } = appError.details as { headers?: Record<string, string> };
  for (const [name, value] of Object.entries(headers ?? {})) c.header(name, value);
  return c.json({ error: { code: appError.code, message: appError.message, details } }, appError.status);
}

function toAppError(err: Error, c: Context<ApiEnv>): AppError {
  if (err instanceof AppError) return err;
  if (isDatabaseUnavailable(err)) {
    return new AppError("SERVICE_UNAVAILABLE", "The database is unavailable. Retry shortly.", {
      headers: { "retry-after": "5" },
    });
  }
  if (err instanceof HTTPException && err.status < 500) {
    return new AppError(codeForStatus(err.status), err.message || "The request could not be processed.");
  }
  return new AppError("INTERNAL", "Something went wrong on our side. Quote the request id when reporting it.", {
    requestId: c.var.requestId,
  });
}
