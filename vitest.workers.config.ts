// API, queue and Durable Object tests, run inside workerd with the bindings from wrangler.toml.
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { TEST_JWT_SECRET, testDatabaseUrl } from "./test/support/test-env.ts";

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        hyperdrives: { HYPERDRIVE: testDatabaseUrl() },
        bindings: { LOG_LEVEL: "warn", AUTH_JWT_SECRET: TEST_JWT_SECRET },
      },
    }),
  ],
  test: {
    name: "workers",
    include: ["test/api/**/*.test.ts", "workers/**/*.test.ts", "durable-objects/**/*.test.ts"],
    testTimeout: 20_000,
    // postgres.js's Workers socket polyfill rejects a read after `end()` closed the socket; it is raised
    // after the request finished and is harmless, but vitest would fail a green run on it.
    onUnhandledError: (error) => error.message !== "This socket has been closed.",
  },
});
