import { describeError } from "../lib/logger";
import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import { openDb } from "../db/client";
import { AppError } from "../lib/app-error";
import { LEAD_CHANNELS, NEEDS, SOURCE_NAMES } from "../lead-engine/icp.schema";
import { generateLeads } from "../lead-engine/lead-generation.service";
import { getLeadRequest, listLeadRequests } from "../lead-engine/lead-requests.service";
import { access } from "./access";
import type { ApiEnv } from "./context";
import { LeadSchema } from "./leads.routes";
import { body, json, pageQuery } from "./openapi";

const Range = z
  .object({ min: z.number().int().min(0).max(1e13).optional(), max: z.number().int().min(0).max(1e13).optional() })
  .strict()
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, {
    message: "min must not be greater than max",
    path: ["min"],
  });

export const LeadRequestInputSchema = z
  .object({
    description: z.string().trim().min(3, "Describe your ideal client in a few words").max(2000),
    filters: z
      .object({
        annualRevenue: Range.optional(),
        companySize: Range.optional(),
        location: z.string().trim().min(2).max(120).optional(),
        role: z.string().trim().min(2).max(120).optional(),
        channel: z.enum(LEAD_CHANNELS).optional(),
        needs: z.array(z.enum(NEEDS)).max(NEEDS.length).optional(),
      })
      .strict()
      .optional(),
    limit: z.number().int().min(20).max(30).optional(),
    sources: z.array(z.enum(SOURCE_NAMES)).min(1).max(SOURCE_NAMES.length).optional(),
  })
  .strict()
  .openapi("LeadRequestInput");

const SourceResultSchema = z.object({
  name: z.string(),
  status: z.enum(["ok", "failed", "skipped"]),
  count: z.number(),
  error: z.string().optional(),
  durationMs: z.number(),
});

export const LeadRequestSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(["queued", "running", "completed", "failed"]),
    description: z.string(),
    filters: z.unknown(),
    icp: z.unknown(),
    limit: z.number(),
    sources: z.array(SourceResultSchema),
    llm: z.unknown(),
    error: z.string().nullable(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    durationMs: z.number().nullable(),
    createdAt: z.string(),
  })
  .openapi("LeadRequest");

const RankedLeadSchema = LeadSchema.extend({ rank: z.number().int() }).openapi("RankedLead");

const create = createRoute({
  ...access("write"),
  method: "post",
  path: "/lead-requests",
  tags: ["lead generation"],
  summary:
    "Describe the ideal client; get 20–30 ranked, explained leads (JSON, or server-sent events with Accept: text/event-stream)",
  request: body(LeadRequestInputSchema),
  responses: {
    201: {
      description: "The finished request and its leads, best first",
      content: {
        "application/json": { schema: z.object({ request: LeadRequestSchema, leads: z.array(RankedLeadSchema) }) },
        "text/event-stream": { schema: z.string().openapi({ description: "events: icp, source, lead, done, error" }) },
      },
    },
  },
});

const list = createRoute({
  ...access("read"),
  method: "get",
  path: "/lead-requests",
  tags: ["lead generation"],
  summary: "Past requests, newest first",
  request: {
    query: z.object(pageQuery(100, 20)),
  },
  responses: {
    200: json(
      z.object({ requests: z.array(LeadRequestSchema), nextCursor: z.string().nullable() }),
      "A page of requests",
    ),
  },
});

const get = createRoute({
  ...access("read"),
  method: "get",
  path: "/lead-requests/{id}",
  tags: ["lead generation"],
  summary: "One request with its ranked leads",
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: json(z.object({ request: LeadRequestSchema, leads: z.array(RankedLeadSchema) }), "The request") },
});

export const leadRequestRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(create, async (c) => {
    const input = c.req.valid("json");
    if (!(c.req.header("accept") ?? "").includes("text/event-stream")) {
      const result = await generateLeads(
        { db: c.var.database.get().db, env: c.env, actor: c.var.principal, log: c.var.log },
        input,
      );
      return c.json(result, 201);
    }
    c.status(201);
    return streamSSE(c, async (stream) => {
      // The request's own connection closes when the handler returns; the stream outlives it.
      const own = openDb(c.env.HYPERDRIVE.connectionString);
      // Writes are chained so events leave in order and the last one is flushed before the stream closes.
      let written = Promise.resolve();
      const send = (event: string, data: unknown) =>
        void (written = written.then(() => stream.writeSSE({ event, data: JSON.stringify(data) })));
      try {
        const result = await generateLeads({ db: own.db, env: c.env, actor: c.var.principal, log: c.var.log }, input, {
          // Says up front when nothing was understood, and what was ignored, so no lead reads as a match.
          icp: (icp) =>
            send("icp", { icp, understood: icp.understood, ignored: icp.ignored, contradictions: icp.contradictions }),
          source: (event) => send("source", event),
          lead: (lead) => send("lead", { lead }),
        });
        send("done", { request: result.request, ids: result.leads.map((l) => l.id) });
      } catch (err) {
        const error =
          err instanceof AppError
            ? err.toEnvelope().error
            : { code: "INTERNAL", message: "Lead generation failed.", details: {} };
        if (!(err instanceof AppError)) c.var.log.error("lead generation failed", describeError(err));
        send("error", { error });
      }
      await written;
      c.executionCtx.waitUntil(own.close().catch(() => {}));
    });
  })
  .openapi(list, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    return c.json(await listLeadRequests(c.var.database.get().db, c.var.principal, limit, cursor), 200);
  })
  .openapi(get, async (c) =>
    c.json(await getLeadRequest(c.var.database.get().db, c.var.principal, c.req.valid("param").id), 200),
  );
