// The workerd test setup both Worker suites share: wrangler.toml's bindings, the test database through the
// Hyperdrive binding, test-only secrets and limits, and whatever bindings a suite adds.
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import {
  TEST_CHANNEL_SECRETS_KEYS,
  TEST_CHANNEL_SECRETS_KEY_ID,
  TEST_JWT_SECRET,
  TEST_SANDBOX_WEBHOOK_SECRET,
  TEST_SESSION_HOST_SECRET,
  UNREACHABLE_SESSION_HOST_URL,
  testDatabaseUrl,
} from "./test-env.ts";

export function workersSuite(
  name: string,
  include: string[],
  bindings: Record<string, string> = {},
  testTimeout = 20_000,
) {
  return defineConfig({
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          hyperdrives: { HYPERDRIVE: testDatabaseUrl() },
          // Limits high enough for the property-based suite (every test calls from one loopback IP); the rate-limit
          // tests set their own low limits. The sign-in lockout keeps its default of 10 per address.
          bindings: {
            LOG_LEVEL: "warn",
            CLIENT_IP_SOURCE: "socket",
            AUTH_JWT_SECRET: TEST_JWT_SECRET,
            SANDBOX_WEBHOOK_SECRET: TEST_SANDBOX_WEBHOOK_SECRET,
            SESSION_HOST_SECRET: TEST_SESSION_HOST_SECRET,
            CHANNEL_SECRETS_KEYS: TEST_CHANNEL_SECRETS_KEYS,
            CHANNEL_SECRETS_KEY_ID: TEST_CHANNEL_SECRETS_KEY_ID,
            // No session-host runs for the workers suite (WhatsApp calls answer 503); the providers suite starts a
            // real one and points SESSION_HOST_URL at it.
            SESSION_HOST_URL: UNREACHABLE_SESSION_HOST_URL,
            SESSION_HOST_TIMEOUT_MS: "2000",
            // X is configured (connect builds its authorize URL without calling X); the providers suite points
            // X_API_URL at its fake.
            X_CLIENT_ID: "test-x-client",
            RATE_LIMIT_USER_PER_MINUTE: "100000",
            RATE_LIMIT_ANON_PER_MINUTE: "100000",
            RATE_LIMIT_IP_PER_MINUTE: "100000",
            RATE_LIMIT_API_KEY_PER_MINUTE: "100000",
            AUTH_RATE_LIMIT_IP_PER_MINUTE: "100000",
            AUTH_RATE_LIMIT_EMAIL_PER_HOUR: "100000",
            ...bindings,
          },
        },
      }),
    ],
    test: {
      name,
      include,
      testTimeout,
      // postgres.js's Workers socket polyfill rejects a read after `end()` closed the socket; it is raised
      // after the request finished and is harmless, but vitest would fail a green run on it.
      onUnhandledError: (error) => error.message !== "This socket has been closed.",
    },
  });
}
