import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { MESSAGE_CHANNELS, MESSAGE_ORIGINS, MESSAGE_STATUSES } from "../db/schema";
import { composerOptions, retryMessage, sendMessage } from "../messaging/send.service";
import { access } from "./access";
import type { ApiEnv } from "./context";
import { body, json } from "./openapi";

const Channel = z.enum(MESSAGE_CHANNELS);
const Media = z.object({ url: z.url().max(2000), type: z.string().min(1).max(100) });

export const MessageSchema = z
  .object({
    id: z.uuid(),
    conversationId: z.uuid(),
    leadId: z.uuid(),
    channel: Channel,
    direction: z.enum(["outbound", "inbound"]),
    body: z.string(),
    media: z.array(Media),
    status: z.enum(MESSAGE_STATUSES),
    origin: z.enum(MESSAGE_ORIGINS),
    errorCode: z.string().nullable(),
    errorMessage: z.string().nullable(),
    fallbackOf: z.uuid().nullable(),
    retryOf: z.uuid().nullable().openapi({ description: "The failed message this one retries (Retry in the inbox)" }),
    holdUntil: z.string().nullable(),
    sentBy: z.uuid().nullable(),
    clientMessageId: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    readAt: z.string().nullable(),
    failedAt: z.string().nullable(),
    receivedAt: z.string().nullable(),
  })
  .openapi("Message");

const SendBody = z
  .object({
    leadId: z.uuid(),
    channel: Channel.optional(),
    conversationId: z.uuid().optional(),
    body: z.string().trim().min(1).max(4096),
    media: z.array(Media).max(10).optional(),
    idempotencyKey: z.string().min(8).max(200),
    sendNow: z.boolean().optional().openapi({ description: "Send during the lead's quiet hours anyway." }),
    fallback: z
      .boolean()
      .optional()
      .openapi({ description: "Try the next possible channel when this one cannot reach the lead (default true)." }),
  })
  .openapi("SendMessage");

const ComposerSchema = z
  .object({
    leadId: z.uuid(),
    channels: z.array(
      z.object({
        channel: Channel,
        label: z.string(),
        handle: z.string().nullable(),
        possible: z.boolean(),
        reason: z.string().nullable(),
      }),
    ),
    defaultChannel: Channel.nullable(),
    blocked: z.object({ code: z.string(), reason: z.string() }).nullable(),
    sample: z.boolean(),
  })
  .openapi("ComposerOptions");

const r = {
  send: createRoute({
    ...access("write"),
    method: "post",
    path: "/messages/send",
    tags: ["messages"],
    summary: "Queue a message to a lead",
    description:
      "Routes to the named channel (or the conversation's, the lead's main channel, the workspace's fallback order), checks policy (opt-outs, sample leads, connected accounts, reply windows, quiet hours) and queues the message. The same `idempotencyKey` again returns the same message with 200 and never sends twice. A channel that cannot reach the lead is `422 MESSAGE_BLOCKED` unless fallback finds another.",
    request: { ...body(SendBody) },
    responses: {
      202: json(z.object({ message: MessageSchema }), "Queued"),
      200: json(z.object({ message: MessageSchema }), "Already queued with this idempotency key"),
    },
  }),
  retry: createRoute({
    ...access("write"),
    method: "post",
    path: "/messages/{id}/retry",
    tags: ["messages"],
    summary: "Send a failed message again",
    request: { params: z.object({ id: z.uuid() }) },
    responses: { 202: json(z.object({ message: MessageSchema }), "Queued again") },
  }),
  composer: createRoute({
    ...access("read"),
    method: "get",
    path: "/leads/{id}/composer",
    tags: ["messages"],
    summary: "Which channels can reach a lead now, and why not",
    request: { params: z.object({ id: z.uuid() }) },
    responses: { 200: json(ComposerSchema) },
  }),
};

export const messageRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(r.send, async (c) => {
    const { message, created } = await sendMessage(
      c.var.database.get().db,
      c.var.principal,
      c.req.valid("json"),
      c.env,
    );
    return created ? c.json({ message }, 202) : c.json({ message }, 200);
  })
  .openapi(r.retry, async (c) =>
    c.json(
      { message: await retryMessage(c.var.database.get().db, c.var.principal, c.req.valid("param").id, c.env) },
      202,
    ),
  )
  .openapi(r.composer, async (c) =>
    c.json(await composerOptions(c.var.database.get().db, c.var.principal, c.req.valid("param").id), 200),
  );
