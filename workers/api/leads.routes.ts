import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { LEAD_SORTS } from "../repos/lead-list.repo";
import { bulkDeleteLeads, bulkTagLeads, leadActivity, listLeads } from "../services/lead-list.service";
import { CHANNELS, getLead, saveLead, updateLead } from "../services/leads.service";
import { requestEnrichment } from "../lead-engine/lead-enrichment.service";
import { access } from "./access";
import { LeadFiltersQuery } from "./lead.schemas";
import { LeadCardSchema } from "./message.schemas";
import type { ApiEnv } from "./context";
import { body, json, pageQuery } from "./openapi";

export { LeadFiltersQuery };

const Channel = z.enum(CHANNELS);
const text = (max: number) => z.string().trim().min(1).max(max);

export const LeadInputSchema = z
  .object({
    fullName: text(200),
    companyName: text(200).optional(),
    companyDomain: text(253).optional(),
    jobTitle: text(200).optional(),
    seniority: text(50).optional(),
    industry: text(120).optional(),
    companySize: z.number().int().min(0).max(10_000_000).optional(),
    annualRevenue: z.number().int().min(0).max(10_000_000_000_000).optional(),
    email: z.email().max(320).optional(),
    phone: text(40).optional(),
    linkedinUrl: text(500).optional(),
    location: z
      .object({
        city: text(120).optional(),
        region: text(120).optional(),
        country: z
          .string()
          .regex(/^[A-Za-z]{2}$/, "Use a two-letter ISO country code")
          .optional(),
      })
      .optional(),
    timezone: z.string().refine(isTimeZone, "Not an IANA time zone, e.g. Europe/Berlin").optional(),
    contactChannels: z
      .array(z.object({ channel: Channel, handle: text(300) }))
      .max(20)
      .optional(),
    mainChannel: Channel.optional(),
    tags: z.array(text(60)).max(30).optional(),
    notes: text(5000).optional(),
  })
  .openapi("LeadInput");

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const LeadSchema = z
  .object({
    id: z.uuid(),
    fullName: z.string(),
    companyName: z.string().nullable(),
    companyDomain: z.string().nullable(),
    jobTitle: z.string().nullable(),
    seniority: z.string().nullable(),
    industry: z.string().nullable(),
    companySize: z.number().nullable(),
    annualRevenue: z.number().nullable(),
    location: z.object({ city: z.string().nullable(), region: z.string().nullable(), country: z.string().nullable() }),
    timezone: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    linkedinUrl: z.string().nullable(),
    contactChannels: z.array(z.object({ channel: z.string(), handle: z.string(), source: z.string().optional() })),
    mainChannel: z.string().nullable(),
    bestContactTime: z.unknown(),
    tags: z.array(z.string()),
    suggestedServices: z.array(z.string()),
    score: z.number().nullable(),
    scoreBreakdown: z.record(z.string(), z.number()),
    scoreReasons: z.array(z.string()),
    mainChannelReason: z.string().nullable(),
    sources: z.array(z.string()),
    requestId: z.uuid().nullable(),
    provenance: z
      .record(z.string(), z.array(z.string()))
      .openapi({ description: "field → the sources that supplied it, the kept value's first" }),
    enrichedAt: z.string().nullable(),
    notes: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Lead");

const create = createRoute({
  ...access("write"),
  method: "post",
  path: "/leads",
  tags: ["leads"],
  summary: "Add a lead by hand; the same person already in the workspace is merged, never duplicated",
  request: body(LeadInputSchema),
  responses: {
    201: json(z.object({ lead: LeadSchema, merged: z.literal(false) }), "Created"),
    200: json(z.object({ lead: LeadSchema, merged: z.literal(true) }), "Merged into an existing lead"),
  },
});

const get = createRoute({
  ...access("read"),
  method: "get",
  path: "/leads/{id}",
  tags: ["leads"],
  summary: "One lead",
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: json(z.object({ lead: LeadSchema }), "The lead") },
});

const BoardRef = z.object({ cardId: z.uuid(), pipelineId: z.uuid(), pipelineName: z.string(), stage: z.string() });

const list = createRoute({
  ...access("read"),
  method: "get",
  path: "/leads",
  tags: ["leads"],
  summary: "The workspace's leads with filters, a sort order and a keyset cursor (newest first by default)",
  request: {
    query: LeadFiltersQuery.extend({
      sort: z.enum(LEAD_SORTS).default("created"),
      dir: z.enum(["asc", "desc"]).default("desc"),
      ...pageQuery(200, 50),
      cursor: z.string().max(1200).optional(),
    }),
  },
  responses: {
    200: json(
      z.object({
        leads: z.array(LeadSchema.extend({ boards: z.array(BoardRef) })),
        nextCursor: z.string().nullable(),
      }),
      "A page of leads",
    ),
  },
});

const Ids = z.array(z.uuid()).min(1).max(500);
const bulk = createRoute({
  ...access("write"),
  method: "post",
  path: "/leads/bulk",
  tags: ["leads"],
  summary: "Tag or untag many leads at once (ids of other workspaces are ignored)",
  request: body(z.object({ action: z.enum(["tag", "untag"]), ids: Ids, tag: text(60) }).openapi("LeadBulkAction")),
  responses: { 200: json(z.object({ affected: z.number().int() }), "How many leads changed") },
});

// Deleting cascades to cards, notes, conversations and messages and cannot be undone on the server, so it is
// an owner/admin act, never an API key's (decision 021).
const bulkDelete = createRoute({
  ...access("admin"),
  method: "post",
  path: "/leads/bulk-delete",
  tags: ["leads"],
  summary: "Delete many leads at once, with their cards, notes and conversations (audited with names and e-mails)",
  request: body(z.object({ ids: Ids }).openapi("LeadBulkDelete")),
  responses: { 200: json(z.object({ affected: z.number().int() }), "How many leads were deleted") },
});

const activity = createRoute({
  ...access("read"),
  method: "get",
  path: "/leads/{id}/activity",
  tags: ["leads"],
  summary: "A lead with its boards (stage, stage history, notes) and its conversations",
  request: { params: z.object({ id: z.uuid() }) },
  responses: {
    200: json(
      z.object({
        lead: LeadSchema,
        boards: z.array(
          LeadCardSchema.extend({
            events: z.array(
              z.object({
                id: z.uuid(),
                type: z.string(),
                fromStage: z.string().nullable(),
                toStage: z.string().nullable(),
                fromStatus: z.string().nullable(),
                toStatus: z.string().nullable(),
                createdAt: z.string(),
              }),
            ),
            notes: z.array(z.object({ id: z.uuid(), body: z.string(), createdAt: z.string() })),
          }),
        ),
        conversations: z.array(
          z.object({
            id: z.uuid(),
            channel: z.string(),
            status: z.string(),
            unreadCount: z.number().int(),
            lastMessageAt: z.string().nullable(),
            lastMessagePreview: z.string().nullable(),
          }),
        ),
      }),
      "The lead and its activity",
    ),
  },
});

const patch = createRoute({
  ...access("write"),
  method: "patch",
  path: "/leads/{id}",
  tags: ["leads"],
  summary: "Edit a lead (any subset of the fields)",
  request: {
    params: z.object({ id: z.uuid() }),
    ...body(LeadInputSchema.partial().refine((v) => Object.keys(v).length > 0, "Send at least one field to change")),
  },
  responses: { 200: json(z.object({ lead: LeadSchema }), "The updated lead") },
});

const enrich = createRoute({
  ...access("write"),
  method: "post",
  path: "/leads/{id}/enrich",
  tags: ["leads"],
  summary: "Fill missing fields through the enrichment waterfall (queued; the lead updates when done)",
  request: { params: z.object({ id: z.uuid() }) },
  responses: {
    202: json(
      z.object({ job: z.object({ id: z.string(), type: z.string(), status: z.literal("queued") }), leadId: z.uuid() }),
      "Queued",
    ),
  },
});

export const leadRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(enrich, async (c) =>
    c.json(await requestEnrichment(c.var.database.get().db, c.env, c.var.principal, c.req.valid("param").id), 202),
  )
  .openapi(list, async (c) => {
    const { limit, cursor, sort, dir, ...filters } = c.req.valid("query");
    const db = c.var.database.get().db;
    return c.json(await listLeads(db, c.var.principal, filters, limit, cursor, { by: sort, dir }), 200);
  })
  .openapi(bulk, async (c) =>
    c.json(await bulkTagLeads(c.var.database.get().db, c.var.principal, c.req.valid("json")), 200),
  )
  .openapi(bulkDelete, async (c) =>
    c.json(await bulkDeleteLeads(c.var.database.get().db, c.var.principal, c.req.valid("json").ids), 200),
  )
  .openapi(activity, async (c) =>
    c.json(await leadActivity(c.var.database.get().db, c.var.principal, c.req.valid("param").id), 200),
  )
  .openapi(patch, async (c) =>
    c.json(
      {
        lead: await updateLead(c.var.database.get().db, c.var.principal, c.req.valid("param").id, c.req.valid("json")),
      },
      200,
    ),
  )
  .openapi(create, async (c) => {
    const { lead, created } = await saveLead(c.var.database.get().db, c.var.principal, c.req.valid("json"));
    return created ? c.json({ lead, merged: false as const }, 201) : c.json({ lead, merged: true as const }, 200);
  })
  .openapi(get, async (c) =>
    c.json({ lead: await getLead(c.var.database.get().db, c.var.principal, c.req.valid("param").id) }, 200),
  );
