import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { PIPELINE_STAGES } from "../db/schema";
import * as cards from "../services/cards.service";
import { access } from "./access";
import type { ApiEnv } from "./context";
import { body, json } from "./openapi";
import { CardSchema } from "./pipelines.routes";

const IdParam = z.object({ id: z.uuid() });
const Person = z.object({ id: z.uuid().nullable(), email: z.string().nullable() });

const CardPatch = z
  .object({
    stage: z.enum(PIPELINE_STAGES).optional(),
    position: z
      .object({ before: z.uuid().optional(), after: z.uuid().optional() })
      .refine((p) => p.before || p.after, "Give `before` and/or `after`")
      .optional(),
    status: z.enum(["open", "won", "lost"]).optional(),
    notes: z.string().max(10_000).nullable().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, "Nothing to change");

const NoteSchema = z
  .object({ id: z.uuid(), body: z.string(), author: Person, createdAt: z.string() })
  .openapi("CardNote");
const EventSchema = z
  .object({
    id: z.uuid(),
    type: z.enum(["created", "moved", "reordered", "status_changed"]),
    actor: Person,
    fromStage: z.string().nullable(),
    toStage: z.string().nullable(),
    fromStatus: z.string().nullable(),
    toStatus: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("CardEvent");

const r = {
  update: createRoute({
    ...access("write"),
    method: "patch",
    path: "/pipeline-cards/{id}",
    tags: ["pipelines"],
    summary: "Move, reorder, close or annotate a card",
    request: { params: IdParam, ...body(CardPatch) },
    responses: { 200: json(z.object({ card: CardSchema })) },
  }),
  remove: createRoute({
    ...access("write"),
    method: "delete",
    path: "/pipeline-cards/{id}",
    tags: ["pipelines"],
    summary: "Take a card off the board",
    request: { params: IdParam },
    responses: { 204: { description: "Removed" } },
  }),
  addNote: createRoute({
    ...access("write"),
    method: "post",
    path: "/pipeline-cards/{id}/notes",
    tags: ["pipelines"],
    summary: "Add a note",
    request: { params: IdParam, ...body(z.object({ body: z.string().trim().min(1).max(10_000) })) },
    responses: { 201: json(z.object({ note: NoteSchema }), "Added") },
  }),
  notes: createRoute({
    ...access("read"),
    method: "get",
    path: "/pipeline-cards/{id}/notes",
    tags: ["pipelines"],
    summary: "Notes, oldest first",
    request: { params: IdParam },
    responses: { 200: json(z.object({ notes: z.array(NoteSchema) })) },
  }),
  events: createRoute({
    ...access("read"),
    method: "get",
    path: "/pipeline-cards/{id}/events",
    tags: ["pipelines"],
    summary: "Stage history with who and when",
    request: { params: IdParam },
    responses: { 200: json(z.object({ events: z.array(EventSchema) })) },
  }),
};

export const cardRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(r.update, async (c) => {
    const card = await cards.updateCard(
      c.var.database.get().db,
      c.var.principal,
      c.req.valid("param").id,
      c.req.valid("json"),
    );
    return c.json({ card }, 200);
  })
  .openapi(r.remove, async (c) => {
    await cards.deleteCard(c.var.database.get().db, c.var.principal, c.req.valid("param").id);
    return c.body(null, 204);
  })
  .openapi(r.addNote, async (c) =>
    c.json(
      {
        note: await cards.addNote(
          c.var.database.get().db,
          c.var.principal,
          c.req.valid("param").id,
          c.req.valid("json").body,
        ),
      },
      201,
    ),
  )
  .openapi(r.notes, async (c) =>
    c.json({ notes: await cards.listNotes(c.var.database.get().db, c.var.principal, c.req.valid("param").id) }, 200),
  )
  .openapi(r.events, async (c) =>
    c.json({ events: await cards.listEvents(c.var.database.get().db, c.var.principal, c.req.valid("param").id) }, 200),
  );
