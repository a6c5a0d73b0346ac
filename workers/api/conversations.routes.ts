import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { CONVERSATION_STATUSES, MESSAGE_CHANNELS } from "../db/schema";
import {
  getConversation,
  listConversations,
  listFailedMessages,
  markRead,
  updateConversation,
} from "../messaging/conversations.service";
import { access } from "./access";
import type { ApiEnv } from "./context";
import { ConversationSchema, LeadPanelSchema, MessageSchema } from "./message.schemas";
import { body, json, pageQuery } from "./openapi";

const Id = z.object({ id: z.uuid() });

const list = createRoute({
  ...access("read"),
  method: "get",
  path: "/conversations",
  tags: ["inbox"],
  summary: "The inbox: conversations, newest activity first, with filters and a cursor",
  request: {
    query: z.object({
      channel: z.enum(MESSAGE_CHANNELS).optional(),
      status: z.enum(CONVERSATION_STATUSES).optional(),
      unread: z
        .enum(["true", "false"])
        .transform((v) => v === "true")
        .optional()
        .openapi({ description: "true: only conversations with unread messages" }),
      assignee: z
        .union([z.uuid(), z.enum(["me", "none"])])
        .optional()
        .openapi({ description: 'A member\'s user id, "me", or "none" (unassigned)' }),
      q: z
        .string()
        .trim()
        .min(1)
        .max(200)
        .optional()
        .openapi({ description: "Text in the lead's name, company, or the messages (case-insensitive)" }),
      ...pageQuery(100, 30),
    }),
  },
  responses: {
    200: json(
      z.object({ conversations: z.array(ConversationSchema), nextCursor: z.string().nullable() }),
      "A page of conversations",
    ),
  },
});

const get = createRoute({
  ...access("read"),
  method: "get",
  path: "/conversations/{id}",
  tags: ["inbox"],
  summary: "One conversation with its lead and a page of messages, newest page first (oldest first within it)",
  request: {
    params: Id,
    query: z.object({
      limit: z.coerce.number().int().min(1).max(100).default(30),
      before: z.string().max(200).optional().openapi({ description: "`olderCursor` of the page after this one" }),
    }),
  },
  responses: {
    200: json(
      z.object({
        conversation: ConversationSchema,
        lead: LeadPanelSchema,
        messages: z.array(MessageSchema),
        olderCursor: z.string().nullable(),
      }),
      "The conversation",
    ),
  },
});

const read = createRoute({
  ...access("write"),
  method: "post",
  path: "/conversations/{id}/read",
  tags: ["inbox"],
  summary: "Mark the conversation read (unread count to 0)",
  request: { params: Id },
  responses: { 200: json(z.object({ conversation: ConversationSchema }), "Marked read") },
});

const patch = createRoute({
  ...access("write"),
  method: "patch",
  path: "/conversations/{id}",
  tags: ["inbox"],
  summary: "Change the status or the assignee (a member of the workspace, or null)",
  request: {
    params: Id,
    ...body(
      z
        .object({ status: z.enum(CONVERSATION_STATUSES).optional(), assigneeId: z.uuid().nullable().optional() })
        .strict()
        .refine((v) => Object.keys(v).length > 0, "Send at least one field to change"),
    ),
  },
  responses: { 200: json(z.object({ conversation: ConversationSchema }), "The updated conversation") },
});

const failed = createRoute({
  ...access("read"),
  method: "get",
  path: "/messages/failed",
  tags: ["inbox"],
  summary: "Outbound messages that failed (the dead-letter view), newest first, with the lead's name",
  request: { query: z.object(pageQuery(100, 30)) },
  responses: {
    200: json(
      z.object({
        messages: z.array(MessageSchema.extend({ leadName: z.string() })),
        nextCursor: z.string().nullable(),
      }),
      "A page of failed messages",
    ),
  },
});

export const conversationRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(list, async (c) => {
    const { limit, cursor, ...filters } = c.req.valid("query");
    return c.json(await listConversations(c.var.database.get().db, c.var.principal, filters, limit, cursor), 200);
  })
  .openapi(failed, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    return c.json(await listFailedMessages(c.var.database.get().db, c.var.principal, limit, cursor), 200);
  })
  .openapi(get, async (c) => {
    const { limit, before } = c.req.valid("query");
    const id = c.req.valid("param").id;
    return c.json(await getConversation(c.var.database.get().db, c.var.principal, id, limit, before), 200);
  })
  .openapi(read, async (c) =>
    c.json({ conversation: await markRead(c.var.database.get().db, c.var.principal, c.req.valid("param").id) }, 200),
  )
  .openapi(patch, async (c) => {
    const id = c.req.valid("param").id;
    const conversation = await updateConversation(c.var.database.get().db, c.var.principal, id, c.req.valid("json"));
    return c.json({ conversation }, 200);
  });
