import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { checkHealth } from "../services/health.service";
import { access } from "./access";
import type { ApiEnv } from "./context";
import { json } from "./openapi";

const HealthSchema = z
  .object({
    status: z.enum(["ok", "degraded"]),
    db: z.enum(["ok", "down"]),
    version: z.string(),
  })
  .openapi("Health");

const route = createRoute({
  ...access("public"),
  method: "get",
  path: "/health",
  tags: ["system"],
  summary: "Liveness and database reachability",
  responses: {
    200: json(HealthSchema, "Healthy"),
    503: json(HealthSchema, "Postgres is unreachable"),
  },
});

export const healthRoutes = new OpenAPIHono<ApiEnv>().openapi(route, async (c) => {
  const report = await checkHealth(c.var.database.get().sql);
  c.header("cache-control", "no-store");
  return report.db === "ok" ? c.json(report, 200) : c.json(report, 503);
});
