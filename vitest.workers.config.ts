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
        // Limits high enough for the property-based suite; the rate-limit test sets its own low limit.
        bindings: {
          LOG_LEVEL: "warn",
          AUTH_JWT_SECRET: TEST_JWT_SECRET,
          RATE_LIMIT_USER_PER_MINUTE: "100000",
          RATE_LIMIT_ANON_PER_MINUTE: "100000",
          // Small, so the over-the-limit import test stays quick.
          IMPORT_MAX_BYTES: "5242880",
        },
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
