import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { scrub } from "../lib/logger";
import { access } from "./access";
import type { ApiEnv } from "./context";
import { body, json } from "./openapi";

// The UI's error boundary reports crashes here so they show up in the same structured logs as the API.
const ClientErrorSchema = z
  .object({
    message: z.string().trim().min(1).max(2000),
    stack: z.string().max(8000).optional(),
    url: z.string().url().max(2000),
    digest: z.string().max(200).optional(),
  })
  .openapi("ClientErrorReport");

const route = createRoute({
  ...access("public"),
  method: "post",
  path: "/client-errors",
  tags: ["system"],
  summary: "Report an error that happened in the browser",
  request: body(ClientErrorSchema),
  responses: { 202: json(z.object({ recorded: z.literal(true) }), "Recorded") },
});

export const clientErrorRoutes = new OpenAPIHono<ApiEnv>().openapi(route, (c) => {
  const report = c.req.valid("json");
  c.var.log.warn("client error", {
    // Browser reports are scrubbed like our own errors: no query strings, quoted values or e-mails.
    clientMessage: scrub(report.message),
    clientUrl: report.url.split(/[?#]/)[0],
    clientStack: report.stack === undefined ? undefined : scrub(report.stack),
    digest: report.digest,
    userAgent: c.req.header("user-agent"),
  });
  return c.json({ recorded: true as const }, 202);
});
