// The OpenAPI document clients generate code from. Routes declare their own shapes and access level; what every
// operation shares (error envelope, error statuses, rate-limit and request-id headers, operationIds, tags) is
// added here, in one place, from the same facts the middleware acts on — so a route cannot forget them.
import type { OpenAPIHono } from "@hono/zod-openapi";
import { version } from "../../package.json";
import { ERROR_STATUS } from "../lib/app-error";
import type { ErrorCode } from "../lib/app-error";
import type { AccessLevel } from "./access";
import { accessTableMarkdown } from "./access";
import type { ApiEnv } from "./context";
import { isExpensive } from "./rate-limit.middleware";

// biome-ignore lint/suspicious/noExplicitAny: a JSON document walked and rewritten by key
type Json = Record<string, any>;
type Operation = Json & { responses: Record<string, Json>; "x-access"?: AccessLevel };

export const OPENAPI_PATH = "/api/openapi.json";
const METHODS = ["get", "put", "post", "patch", "delete", "head", "options", "trace"] as const;

const TAGS: { name: string; description: string }[] = [
  { name: "accounts", description: "The signed-in user, workspaces, auth settings and the audit log." },
  { name: "api keys", description: "Workspace API keys for integrations (scopes: read, write)." },
  {
    name: "channels",
    description: "Channel accounts: connect WhatsApp numbers (QR or pairing code), pause, reconnect, pacing limits.",
  },
  { name: "imports", description: "CSV imports (in the background, in batches) and the CSV export of leads." },
  { name: "lead generation", description: "Describe an ideal client and get ranked, explained leads." },
  { name: "inbox", description: "Conversations with leads on every channel: the list, threads, read, assign." },
  { name: "leads", description: "The workspace's leads: create, list, read, change, enrich." },
  { name: "members", description: "Workspace members, roles and invitations." },
  {
    name: "messages",
    description:
      "Sending messages to leads (queued, idempotent), retries, composer options; provider webhooks (receipts, replies) and opt-outs (suppressions).",
  },
  { name: "pipelines", description: "CRM pipelines, their boards, cards, notes and stage history." },
  { name: "system", description: "Health, browser error reports and this document." },
];

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Malformed request (e.g. the body is not valid JSON)",
  401: "No valid credentials",
  403: "The credentials may not do this (role, API key scope, or not a member of the workspace)",
  404: "Not found, or not visible to the caller",
  409: "Conflicts with the current state",
  413: "The request body is too large",
  415: "Unsupported request content type",
  422: "The request failed validation; `details.fields` names each field",
  429: "Rate limited; retry after `Retry-After` seconds",
  500: "Unexpected server error; quote `details.requestId` when reporting it",
  503: "A dependency (the database) is busy or unreachable; retry shortly",
};

const header = (description: string, schema: Json, required = false) => ({ description, required, schema });
const HEADERS = {
  RequestId: header(
    "The request's id (echoes a safe `x-request-id` sent by the client); quote it when reporting a problem.",
    { type: "string" },
    true,
  ),
  RateLimitLimit: header("Requests allowed per minute in the caller's bucket.", { type: "integer", minimum: 0 }),
  RateLimitRemaining: header("Requests left in the caller's bucket.", { type: "integer", minimum: 0 }),
  RateLimitReset: header("Seconds until the bucket is full again.", { type: "integer", minimum: 0 }),
  RetryAfter: header("Seconds to wait before retrying.", { type: "integer", minimum: 0 }),
};
const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` });

const ERROR_ENVELOPE = {
  type: "object",
  description: "Every error, whatever the route: a stable machine-readable code, a human message, and details.",
  required: ["error"],
  additionalProperties: false,
  properties: {
    error: {
      type: "object",
      required: ["code", "message", "details"],
      additionalProperties: false,
      properties: {
        code: { type: "string", enum: Object.keys(ERROR_STATUS) },
        message: { type: "string" },
        details: { type: "object", additionalProperties: true },
      },
    },
  },
};

/** The error statuses an operation can answer, from the middleware chain it passes through and its access level. */
function errorStatuses(method: string, path: string, op: Operation): number[] {
  const level = op["x-access"] ?? "public";
  const hasBody = Boolean(op.requestBody);
  const statuses = new Set<number>([422, 429, 500, 503]); // 422: path/query text Postgres cannot store; 503: db gate
  if (hasBody) for (const s of [400, 413, 415]) statuses.add(s);
  if (level !== "public") for (const s of [401, 403, 404]) statuses.add(s); // 404: an unknown x-workspace-id
  if (path.includes("{")) statuses.add(404);
  if (method !== "get" && level !== "public") statuses.add(409);
  return [...statuses].sort();
}

function errorResponse(status: number) {
  const codes = (Object.entries(ERROR_STATUS) as [ErrorCode, number][]).filter(([, s]) => s === status).map(([c]) => c);
  const headers: Json = { "x-request-id": ref("headers", "RequestId") };
  if (status === 429) {
    Object.assign(headers, rateLimitHeaders(), { "Retry-After": ref("headers", "RetryAfter") });
  }
  if (status === 503) headers["Retry-After"] = ref("headers", "RetryAfter");
  return {
    description: `${ERROR_DESCRIPTIONS[status]} (${codes.join(", ")})`,
    headers,
    content: { "application/json": { schema: ref("schemas", "ErrorEnvelope") } },
  };
}

const rateLimitHeaders = () => ({
  "RateLimit-Limit": ref("headers", "RateLimitLimit"),
  "RateLimit-Remaining": ref("headers", "RateLimitRemaining"),
  "RateLimit-Reset": ref("headers", "RateLimitReset"),
});

/** `get /api/pipelines/{id}/board` → `getPipelinesIdBoard`; `/leads/export.csv` → `getLeadsExportCsv`. */
export function operationIdFor(method: string, path: string): string {
  const words = path
    .replace(/^\/api\//, "")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
}

function decorate(method: string, path: string, op: Operation): Operation {
  const responses: Record<string, Json> = {};
  for (const [status, response] of Object.entries(op.responses)) {
    const headers: Json = { "x-request-id": ref("headers", "RequestId"), ...(response.headers ?? {}) };
    // The per-caller bucket's headers are set once the route has answered (see rate-limit.middleware.ts).
    if (Number(status) < 400) Object.assign(headers, rateLimitHeaders());
    responses[status] = { ...response, headers };
  }
  for (const status of errorStatuses(method, path, op)) responses[String(status)] ??= errorResponse(status);
  if (isExpensive(method.toUpperCase(), path.replace(/\{[^}]+\}/g, "x"))) {
    op.description = [
      op.description,
      "At most `RATE_LIMIT_CONCURRENT_PER_USER` of these run at once per user (429 beyond).",
    ]
      .filter(Boolean)
      .join("\n\n");
  }
  return { operationId: operationIdFor(method, path), ...op, responses };
}

/** The document itself, served at GET /api/openapi.json. */
const documentOperation: Operation = {
  tags: ["system"],
  summary: "This OpenAPI 3.1 document",
  security: [],
  "x-access": "public",
  responses: { 200: { description: "The document", content: { "application/json": { schema: { type: "object" } } } } },
};

// biome-ignore lint/suspicious/noExplicitAny: any route schema and base path
export function buildOpenApiDocument(api: OpenAPIHono<ApiEnv, any, any>, origin = "/"): Json {
  const doc = api.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Rarity Leads API",
      version,
      description: accessTableMarkdown(),
    },
    servers: [{ url: origin, description: "The origin serving this document" }],
    tags: TAGS,
  }) as Json;
  doc.info.license = { name: "Proprietary", identifier: "LicenseRef-Proprietary" }; // 3.1 field the generator's types lack
  doc.paths ??= {};
  doc.paths[OPENAPI_PATH] = { get: documentOperation };
  for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
    for (const method of METHODS) if (item[method]) item[method] = decorate(method, path, item[method]);
  }
  doc.components ??= {};
  doc.components.schemas = { ...doc.components.schemas, ErrorEnvelope: ERROR_ENVELOPE };
  doc.components.headers = HEADERS;
  return doc;
}
