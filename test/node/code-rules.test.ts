// Rules the linter cannot express. Route handlers must return what their OpenAPI declaration says; a cast to
// `never`/`any` switches the compiler's check off, and the document then lies to generated clients.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/lib/processes.ts";

const ROUTES_DIR = join(ROOT, "workers/api");

describe("route files", () => {
  it("never cast a response to never or any", () => {
    const files = readdirSync(ROUTES_DIR).filter((f) => f.endsWith(".routes.ts"));
    expect(files.length).toBeGreaterThan(5);
    const casts = files.flatMap((file) =>
      readFileSync(join(ROUTES_DIR, file), "utf8")
        .split("\n")
        .flatMap((line, i) => (/\bas (never|any)\b/.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(casts).toEqual([]);
  });
});
