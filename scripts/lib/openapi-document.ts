// The API's OpenAPI document, generated in-process (no Worker, no database): the same builder the
// `/api/openapi.json` route serves. The Worker's modules import `cloudflare:workers` (Durable Object base
// classes) at load time; under Bun a stand-in module lets them load — nothing here runs a Durable Object.
// `Bun.plugin` (typed here: the project does not pull in bun-types for one call).
const { plugin } = (globalThis as unknown as { Bun: { plugin(p: { name: string; setup(build: BunBuild): void }): void } }).Bun;
interface BunBuild {
  module(specifier: string, load: () => { exports: Record<string, unknown>; loader: "object" }): void;
}

plugin({
  name: "cloudflare-workers-stand-in",
  setup(build) {
    build.module("cloudflare:workers", () => ({
      exports: { DurableObject: class {}, WorkerEntrypoint: class {}, WorkflowEntrypoint: class {}, env: {} },
      loader: "object",
    }));
  },
});

export async function generateOpenApiDocument(origin?: string): Promise<Record<string, unknown>> {
  const { createApi } = await import("../../workers/api/app.ts");
  const { buildOpenApiDocument } = await import("../../workers/api/openapi-document.ts");
  return buildOpenApiDocument(createApi(), origin);
}
