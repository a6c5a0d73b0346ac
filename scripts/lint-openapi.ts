// `bun run lint:openapi` — the API's OpenAPI document checked by an outside linter (Redocly CLI, its
// `recommended` rules, see redocly.yaml). Offline: the document is generated in-process and written to
// test-results/openapi.json. Exits non-zero on any error; warnings are printed and allowed.
import { mkdir, writeFile } from "node:fs/promises";
import { generateOpenApiDocument } from "./lib/openapi-document.ts";
import { ROOT, run } from "./lib/processes.ts";

const file = `${ROOT}test-results/openapi.json`;
await mkdir(`${ROOT}test-results`, { recursive: true });
await writeFile(file, JSON.stringify(await generateOpenApiDocument(), null, 2));
console.log(`[lint:openapi] wrote ${file}`);
const code = await run("redocly", ["lint", file, "--config", `${ROOT}redocly.yaml`, "--format", "stylish"], {
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
});
process.exit(code);
