import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { MESSAGE_CHANNELS, SUPPRESSION_KINDS, SUPPRESSION_SOURCES } from "../db/schema";
import { listWorkspaceSuppressions, optOutLead } from "../messaging/suppressions.service";
import { access } from "./access";
import type { ApiEnv } from "./context";
import { json, pageQuery } from "./openapi";

const Channel = z.enum(MESSAGE_CHANNELS);

export const SuppressionSchema = z
  .object({
    id: z.uuid(),
    leadId: z.uuid().nullable(),
    identityKind: z.enum(SUPPRESSION_KINDS),
    identityValue: z
      .string()
      .openapi({ description: "E.164 phone, lower-case e-mail, `<channel>:<handle>`, or the lead id" }),
    channel: Channel.nullable().openapi({ description: "null: every channel" }),
    reason: z.string(),
    source: z.enum(SUPPRESSION_SOURCES),
    createdBy: z.uuid().nullable(),
    createdAt: z.string(),
  })
  .openapi("Suppression");

const OptOutInput = z
  .object({
    channel: Channel.optional().openapi({ description: "Only this channel; every channel when omitted" }),
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .openapi("OptOutInput");

const optOut = createRoute({
  ...access("write"),
  method: "post",
  path: "/leads/{id}/opt-out",
  tags: ["messages"],
  summary:
    "Opt a lead out: no more messages to any of their identities (phone, e-mail, handles), on one channel or all",
  description: "Idempotent: opting out again changes nothing. Answers with every suppression the lead has.",
  request: {
    params: z.object({ id: z.uuid() }),
    body: { required: false, content: { "application/json": { schema: OptOutInput } } },
  },
  responses: {
    200: json(
      z.object({
        suppressions: z.array(SuppressionSchema),
        added: z.number().int().min(0).openapi({ description: "Suppressions this call added (0 on a repeat)" }),
      }),
      "The lead's suppressions",
    ),
  },
});

const list = createRoute({
  ...access("read"),
  method: "get",
  path: "/suppressions",
  tags: ["messages"],
  summary: "Who may not be messaged, newest first, with a cursor",
  request: {
    query: z.object({
      leadId: z.uuid().optional(),
      channel: Channel.optional().openapi({ description: "Suppressions that apply to this channel (its own and all)" }),
      ...pageQuery(200, 50),
    }),
  },
  responses: {
    200: json(
      z.object({ suppressions: z.array(SuppressionSchema), nextCursor: z.string().nullable() }),
      "A page of suppressions",
    ),
  },
});

export const suppressionRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(optOut, async (c) => {
    const input = c.req.valid("json") ?? {};
    return c.json(await optOutLead(c.var.database.get().db, c.var.principal, c.req.valid("param").id, input), 200);
  })
  .openapi(list, async (c) => {
    const { limit, cursor, ...filters } = c.req.valid("query");
    return c.json(
      await listWorkspaceSuppressions(c.var.database.get().db, c.var.principal, filters, limit, cursor),
      200,
    );
  });
