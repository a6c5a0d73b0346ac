// The API's OpenAPI document, generated in-process (no Worker, no database): the same builder the
// `/api/openapi.json` route serves. The Worker's modules import `cloudflare:*` built-ins (Durable Object base
// classes, sockets) at load time; under Bun stand-ins let them load — nothing here runs them.
interface BunBuild {
  module(specifier: string, load: () => { exports: Record<string, unknown>; loader: "object" }): void;
}
// `Bun.plugin` (typed here: the project does not pull in bun-types for one call).
const { plugin } = (
  globalThis as unknown as { Bun: { plugin(p: { name: string; setup(build: BunBuild): void }): void } }
).Bun;

const STAND_INS: Record<string, Record<string, unknown>> = {
  "cloudflare:workers": {
    DurableObject: class {},
    WorkerEntrypoint: class {},
    WorkflowEntrypoint: class {},
    env: {},
    waitUntil() {},
  },
  "cloudflare:sockets": {
    connect() {
      throw new Error("no sockets while generating the OpenAPI document");
    },
  },
};

plugin({
  name: "cloudflare-built-ins-stand-in",
  setup(build) {
    for (const [specifier, exports] of Object.entries(STAND_INS))
      build.module(specifier, () => ({ exports, loader: "object" }));
  },
});

export async function generateOpenApiDocument(origin?: string): Promise<Record<string, unknown>> {
  const { createApi } = await import("../../workers/api/app.ts");
  const { buildOpenApiDocument } = await import("../../workers/api/openapi-document.ts");
  return buildOpenApiDocument(createApi(), origin);
}
