// Provider webhooks (decision 016). Public: the provider proves itself by signing the raw body, which is why
// app.ts leaves these requests' bodies unparsed (a re-serialised body would not match the signature).
import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { AppError } from "../lib/app-error";
import type { WebhookRequest } from "../messaging/channel-adapter";
import { ingestProviderEvents } from "../messaging/webhook-ingest";
import { webhookProvider } from "../messaging/webhook-providers";
import { access } from "./access";
import type { ApiEnv } from "./context";
import { json } from "./openapi";

export const HOOKS_PREFIX = "/api/hooks/";

const IngestResultSchema = z
  .object({
    accepted: z.number().int().min(0).openapi({ description: "New events, queued for processing" }),
    duplicates: z.number().int().min(0).openapi({ description: "Events already accepted before: dropped" }),
    ignored: z
      .number()
      .int()
      .min(0)
      .openapi({ description: "Events for an account no workspace has connected: dropped" }),
  })
  .openapi("WebhookIngestResult");

const receive = createRoute({
  ...access("public"),
  method: "post",
  path: "/hooks/{provider}",
  tags: ["messages"],
  summary: "Receive a channel provider's webhook (receipts, replies); answers at once and processes in the background",
  description: [
    "The provider signs the raw body; a missing or wrong signature is a 401 and nothing is stored.",
    "`sandbox`: header `x-sandbox-signature: sha256=<hex HMAC-SHA256(SANDBOX_WEBHOOK_SECRET, raw body)>`, body",
    '`{events: [{kind: "message", eventId, accountExternalId, providerMessageId, from: {handle, name?, phone?, email?},',
    'body, media?, at, threadId?} | {kind: "status", eventId, accountExternalId, providerMessageId,',
    'status: "sent"|"delivered"|"read"|"failed", errorCode?, at}]}`.',
    "`session-host` (WhatsApp, decision 017): headers `x-rl-timestamp`, `x-rl-nonce` and `x-rl-signature: v1=<hex",
    "HMAC-SHA256 with SESSION_HOST_SECRET over v1, timestamp, nonce, method, path and the raw body's SHA-256, one per",
    "line>` (session-host/src/protocol/signature.ts); ±5 minutes, each nonce once; body `{events: [message | status |",
    "session]}` (session-host/src/protocol/api.ts).",
    "`meta` (Facebook Messenger, Instagram): header `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(META_APP_SECRET,",
    'raw body)>`, body `{object: "page"|"instagram", entry: [{id, time, messaging: [{sender, recipient, timestamp,',
    "message | delivery | read}]}]}` (Meta's webhook format; echoes confirm `sent`, message ids are the event ids).",
    "Each event id is accepted once; a replay is acknowledged and counted in `duplicates`.",
  ].join(" "),
  request: {
    params: z.object({ provider: z.string().min(1).max(50) }),
    // A plain schema, not zod: the body must reach the handler as raw bytes, unvalidated, for the signature.
    body: {
      required: true,
      content: {
        "application/json": {
          schema: {
            type: "object",
            description: "The provider's own format, signed; see the description for the Sandbox's.",
            properties: { events: { type: "array", items: { type: "object" } } },
          },
        },
      },
    },
  },
  responses: {
    200: json(IngestResultSchema, "Accepted (new events are processed in the background)"),
    401: {
      description: "The signature is missing or does not match (UNAUTHENTICATED)",
      content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorEnvelope" } } },
    },
  },
});

const challenge = createRoute({
  ...access("public"),
  method: "get",
  path: "/hooks/{provider}",
  tags: ["messages"],
  summary: "A provider proving the webhook URL (Meta: hub.mode=subscribe, hub.verify_token, hub.challenge)",
  description:
    "`meta`: answers `hub.challenge` as text when `hub.verify_token` equals META_WEBHOOK_VERIFY_TOKEN, else 403.",
  request: {
    params: z.object({ provider: z.string().min(1).max(50) }),
    query: z.object({
      "hub.mode": z.string().max(50).optional(),
      "hub.verify_token": z.string().max(500).optional(),
      "hub.challenge": z.string().max(200).optional(),
    }),
  },
  responses: {
    200: { description: "The challenge, echoed", content: { "text/plain": { schema: z.string() } } },
    403: {
      description: "The verify token does not match, or the provider has no such check (FORBIDDEN)",
      content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorEnvelope" } } },
    },
  },
});

function providerNamed(provider: string) {
  const source = webhookProvider(provider);
  if (!source) throw new AppError("RESOURCE_NOT_FOUND", `No webhook provider "${provider}".`, { provider });
  return source;
}

export const hookRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(challenge, async (c) => {
    const { provider } = c.req.valid("param");
    const source = providerNamed(provider);
    const answer = source.challenge ? await source.challenge(new URL(c.req.url), c.env) : null;
    if (answer === null) throw new AppError("FORBIDDEN", "The webhook verify token does not match.", { provider });
    return c.text(answer, 200);
  })
  .openapi(receive, async (c) => {
    const { provider } = c.req.valid("param");
    const source = providerNamed(provider);
    const request: WebhookRequest = {
      url: new URL(c.req.url),
      headers: c.req.raw.headers,
      rawBody: new Uint8Array(await c.req.arrayBuffer()),
    };
    if (!(await source.verify(request, c.env, c.var.database.get().db)))
      throw new AppError("UNAUTHENTICATED", "The webhook signature is missing or does not match.", { provider });
    const events = source.parse(request);
    return c.json(await ingestProviderEvents(c.var.database.get().db, c.env, provider, events), 200);
  });
