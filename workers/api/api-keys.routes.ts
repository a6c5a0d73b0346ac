import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { createApiKey, listApiKeys, revokeApiKey } from "../services/api-keys.service";
import type { ApiKeyRow } from "../repos/api-keys.repo";
import { access } from "./access";
import type { ApiEnv } from "./context";
import { body, json } from "./openapi";

const ApiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().openapi({ description: "First characters of the key, to recognise it" }),
    scopes: z.array(z.enum(["read", "write"])),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("ApiKey");

const toJson = (row: ApiKeyRow) => ({
  ...row,
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

const CreateSchema = z.object({
  name: z.string().trim().min(1).max(120),
  scopes: z
    .array(z.enum(["read", "write"]))
    .min(1)
    .max(2)
    .default(["read"]),
});

const IdParam = z.object({ id: z.uuid() });

const create = createRoute({
  ...access("admin"),
  method: "post",
  path: "/api-keys",
  tags: ["api keys"],
  summary: "Create an API key for the current workspace; the key is shown only in this response",
  request: body(CreateSchema),
  responses: {
    201: json(z.object({ apiKey: ApiKeySchema, key: z.string() }), "Created"),
  },
});

const list = createRoute({
  ...access("admin"),
  method: "get",
  path: "/api-keys",
  tags: ["api keys"],
  summary: "API keys of the current workspace (never the keys themselves)",
  responses: { 200: json(z.object({ apiKeys: z.array(ApiKeySchema) }), "Keys") },
});

const revoke = createRoute({
  ...access("admin"),
  method: "delete",
  path: "/api-keys/{id}",
  tags: ["api keys"],
  summary: "Revoke an API key; it stops working at once",
  request: { params: IdParam },
  responses: { 200: json(z.object({ apiKey: ApiKeySchema }), "Revoked") },
});

export const apiKeyRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(create, async (c) => {
    const { apiKey, key } = await createApiKey(c.var.database.get().db, c.var.principal, c.req.valid("json"));
    return c.json({ apiKey: toJson(apiKey), key }, 201);
  })
  .openapi(list, async (c) => {
    const rows = await listApiKeys(c.var.database.get().db, c.var.principal);
    return c.json({ apiKeys: rows.map(toJson) }, 200);
  })
  .openapi(revoke, async (c) => {
    const row = await revokeApiKey(c.var.database.get().db, c.var.principal, c.req.valid("param").id);
    return c.json({ apiKey: toJson(row) }, 200);
  });
