import { Hono } from "hono";
import { renderMetrics } from "../ops/metrics";
import { HostError } from "./errors";
import type { HostDeps } from "./host-deps";
import { sessionRoutes } from "./sessions.routes";
import { requireSignature, type SignedVars } from "./signed";

export function hostApp(deps: HostDeps) {
  const app = new Hono<SignedVars>();
  // Open, for probes and Prometheus; neither says anything about who or what is being messaged.
  app.get("/health", (c) => c.json({ ok: true, hostId: deps.hostId, running: deps.manager.runtimes.size }));
  app.get("/metrics", async (c) =>
    c.text(await renderMetrics({ ...deps, running: deps.manager.runtimes.size }), 200, {
      "content-type": "text/plain; version=0.0.4",
    }),
  );
  // Matches `/sessions` itself too.
  app.use("/sessions/*", requireSignature(deps.secret, deps.nonces));
  app.route("/", sessionRoutes(deps));
  app.notFound((c) => c.json({ error: { code: "RESOURCE_NOT_FOUND", message: "No such route." } }, 404));
  app.onError((error, c) => {
    if (error instanceof HostError)
      return c.json(
        { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } },
        error.status,
      );
    deps.logger.error("request failed", { path: new URL(c.req.url).pathname, error: error.message });
    return c.json({ error: { code: "INTERNAL", message: "Something went wrong on the session host." } }, 500);
  });
  return app;
}
