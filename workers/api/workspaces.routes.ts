import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { access } from "./access";
import { asUser } from "../db/tenant";
import { listAudit } from "../services/audit.service";
import { createWorkspace, listMyWorkspaces } from "../services/workspaces.service";
import type { Db } from "../db/client";
import type { ApiEnv, Principal } from "./context";
import { body, json } from "./openapi";

const WorkspaceSchema = z
  .object({ id: z.uuid(), name: z.string(), personal: z.boolean(), role: z.enum(["owner", "admin", "member"]) })
  .openapi("Workspace");

const meRoute = createRoute({
  ...access("read"),
  method: "get",
  path: "/me",
  tags: ["accounts"],
  summary: "The signed-in user and the workspace this request acts in",
  responses: {
    200: json(
      z.object({
        user: z.object({ id: z.uuid(), email: z.string().nullable() }),
        workspace: WorkspaceSchema,
        workspaces: z.array(WorkspaceSchema),
      }),
      "Current user",
    ),
  },
});

const listRoute = createRoute({
  ...access("read"),
  method: "get",
  path: "/workspaces",
  tags: ["accounts"],
  summary: "Workspaces the user belongs to",
  responses: { 200: json(z.object({ workspaces: z.array(WorkspaceSchema) }), "Workspaces") },
});

const createRouteDef = createRoute({
  ...access("user"),
  method: "post",
  path: "/workspaces",
  tags: ["accounts"],
  summary: "Create a team workspace owned by the caller",
  request: body(z.object({ name: z.string().trim().min(1).max(120) })),
  responses: { 201: json(z.object({ workspace: WorkspaceSchema }), "Created") },
});

const AuditEntrySchema = z
  .object({
    id: z.uuid(),
    event: z.string(),
    actorUserId: z.uuid().nullable(),
    actorApiKeyId: z.uuid().nullable(),
    subject: z.string().nullable(),
    ip: z.string().nullable(),
    details: z.unknown(),
    createdAt: z.string(),
  })
  .openapi("AuditEntry");

const auditRoute = createRoute({
  ...access("admin"),
  method: "get",
  path: "/audit-log",
  tags: ["accounts"],
  summary: "Security events of the current workspace (owners and admins)",
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
  responses: { 200: json(z.object({ entries: z.array(AuditEntrySchema) }), "Newest first") },
});

/** An API key sees only the workspace it belongs to, never its creator's other workspaces. */
async function visibleWorkspaces(db: Db, p: Principal) {
  const all = await listMyWorkspaces(db, p.claims);
  return p.apiKeyId ? all.filter((w) => w.id === p.workspaceId) : all;
}

export const workspaceRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(meRoute, async (c) => {
    const p = c.var.principal;
    const workspaces = await visibleWorkspaces(c.var.database.get().db, p);
    const workspace = workspaces.find((w) => w.id === p.workspaceId)!;
    return c.json({ user: { id: p.userId, email: p.email }, workspace, workspaces }, 200);
  })
  .openapi(listRoute, async (c) => {
    return c.json({ workspaces: await visibleWorkspaces(c.var.database.get().db, c.var.principal) }, 200);
  })
  .openapi(createRouteDef, async (c) => {
    const workspace = await createWorkspace(c.var.database.get().db, c.var.principal.claims, c.req.valid("json").name);
    return c.json({ workspace }, 201);
  })
  .openapi(auditRoute, async (c) => {
    const p = c.var.principal;
    const rows = await asUser(c.var.database.get().db, p.claims, (tx) =>
      listAudit(tx, p.workspaceId, c.req.valid("query").limit),
    );
    return c.json({ entries: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) }, 200);
  });
