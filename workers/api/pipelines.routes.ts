import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { PIPELINE_STAGES } from "../db/schema";
import * as cards from "../services/cards.service";
import * as pipelines from "../services/pipelines.service";
import { access } from "./access";
import type { ApiEnv } from "./context";
import { body, json } from "./openapi";

const Stage = z.enum(PIPELINE_STAGES);
const PipelineSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    cardCount: z.number().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Pipeline");
export const CardSchema = z
  .object({
    id: z.uuid(),
    pipelineId: z.uuid(),
    leadId: z.uuid(),
    stage: Stage,
    position: z.number().int(),
    rank: z.string(),
    status: z.enum(["open", "won", "lost"]),
    notes: z.string().nullable(),
    version: z.number().int().min(1).openapi({
      description: "Grows with every change to the card; live events carry it, keep the copy with the highest.",
    }),
    lead: z.object({
      id: z.uuid(),
      fullName: z.string(),
      companyName: z.string().nullable(),
      jobTitle: z.string().nullable(),
      mainChannel: z.string().nullable(),
      tags: z.array(z.string()),
      score: z.number().nullable(),
      timezone: z.string().nullable(),
      bestContactTime: z.unknown(),
    }),
    updatedAt: z.string(),
  })
  .openapi("Card");

const IdParam = z.object({ id: z.uuid() });
const Name = z.object({ name: z.string().trim().min(1).max(120) });

const r = {
  list: createRoute({
    ...access("read"),
    method: "get",
    path: "/pipelines",
    tags: ["pipelines"],
    summary: "Pipelines of the workspace",
    responses: { 200: json(z.object({ pipelines: z.array(PipelineSchema) })) },
  }),
  create: createRoute({
    ...access("write"),
    method: "post",
    path: "/pipelines",
    tags: ["pipelines"],
    summary: "Create a pipeline, or get the one with that name (names are unique per workspace, case-insensitive)",
    request: body(Name),
    responses: {
      201: json(z.object({ pipeline: PipelineSchema }), "Created"),
      200: json(z.object({ pipeline: PipelineSchema }), "A pipeline with this name already existed; it is returned"),
    },
  }),
  rename: createRoute({
    ...access("write"),
    method: "patch",
    path: "/pipelines/{id}",
    tags: ["pipelines"],
    summary: "Rename a pipeline",
    request: { params: IdParam, ...body(Name) },
    responses: { 200: json(z.object({ pipeline: PipelineSchema })) },
  }),
  remove: createRoute({
    ...access("write"),
    method: "delete",
    path: "/pipelines/{id}",
    tags: ["pipelines"],
    summary: "Delete a pipeline (refused while it has cards unless force=true)",
    request: { params: IdParam, query: z.object({ force: z.enum(["true", "false"]).default("false") }) },
    responses: { 204: { description: "Deleted" } },
  }),
  board: createRoute({
    ...access("read"),
    method: "get",
    path: "/pipelines/{id}/board",
    tags: ["pipelines"],
    summary: "The board: four stages with their cards in order",
    request: { params: IdParam },
    responses: {
      200: json(
        z.object({ pipeline: PipelineSchema, stages: z.array(z.object({ stage: Stage, cards: z.array(CardSchema) })) }),
      ),
    },
  }),
  addCard: createRoute({
    ...access("write"),
    method: "post",
    path: "/pipelines/{id}/cards",
    tags: ["pipelines"],
    summary: "Put a lead on the board (at the end of its stage)",
    request: { params: IdParam, ...body(z.object({ leadId: z.uuid(), stage: Stage.default("To Contact") })) },
    responses: { 201: json(z.object({ card: CardSchema }), "Added") },
  }),
};

export const pipelineRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(r.list, async (c) =>
    c.json({ pipelines: await pipelines.listPipelines(c.var.database.get().db, c.var.principal) }, 200),
  )
  .openapi(r.create, async (c) => {
    const { pipeline, created } = await pipelines.createPipeline(
      c.var.database.get().db,
      c.var.principal,
      c.req.valid("json").name,
    );
    return created ? c.json({ pipeline }, 201) : c.json({ pipeline }, 200);
  })
  .openapi(r.rename, async (c) => {
    const pipeline = await pipelines.renamePipeline(
      c.var.database.get().db,
      c.var.principal,
      c.req.valid("param").id,
      c.req.valid("json").name,
    );
    return c.json({ pipeline }, 200);
  })
  .openapi(r.remove, async (c) => {
    const { id } = c.req.valid("param");
    await pipelines.deletePipeline(c.var.database.get().db, c.var.principal, id, c.req.valid("query").force === "true");
    return c.body(null, 204);
  })
  .openapi(r.board, async (c) =>
    c.json(await pipelines.getBoard(c.var.database.get().db, c.var.principal, c.req.valid("param").id), 200),
  )
  .openapi(r.addCard, async (c) => {
    const { id } = c.req.valid("param");
    const { leadId, stage } = c.req.valid("json");
    const card = await cards.addCard(c.var.database.get().db, c.var.principal, id, leadId, stage);
    return c.json({ card }, 201);
  });
