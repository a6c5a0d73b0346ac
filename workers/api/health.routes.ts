import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { checkHealth } from "../services/health.service";
import type { ApiEnv } from "./context";

const HealthSchema = z
  .object({
    status: z.enum(["ok", "degraded"]),
    db: z.enum(["ok", "down"]),
    version: z.string(),
  })
  .openapi("Health");

const route = createRoute({
  method: "get",
  path: "/health",
  tags: ["system"],
  summary: "Liveness and database reachability",
  responses: {
    200: { description: "Healthy", content: { "application/json": { schema: HealthSchema } } },
    503: { description: "Postgres is unreachable", content: { "application/json": { schema: HealthSchema } } },
  },
});

export const healthRoutes = new OpenAPIHono<ApiEnv>().openapi(route, async (c) => {
  const report = await checkHealth(c.var.database.get().sql);
  c.header("cache-control", "no-store");
  return report.db === "ok" ? c.json(report, 200) : c.json(report, 503);
});
