import { withPasswordForHyperdrive } from "../../scripts/lib/database-target.ts";

/** The database `bun run test` provisioned and migrated for this run (see scripts/test.ts). */
export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url)
    throw new Error("TEST_DATABASE_URL is not set: run the suites through `bun run test`, which provisions it.");
  return withPasswordForHyperdrive(url);
}

/** The embedded auth server's signing secret in the Workers test runtime (test-only, never deployed). */
export const TEST_JWT_SECRET = "test-only-secret-for-the-workers-suite-0123456789";

/** Signs the Sandbox channel's webhooks in the Workers test runtime (test-only). */
export const TEST_SANDBOX_WEBHOOK_SECRET = "test-only-sandbox-webhook-secret-0123456789";

/** Shared by the Worker and the session-host in the tests (test-only; at least 32 characters, as the host requires). */
export const TEST_SESSION_HOST_SECRET = "test-only-session-host-secret-0123456789";

/** A loopback port nothing listens on: where the workers suite's Worker looks for a session-host (→ 503). */
export const UNREACHABLE_SESSION_HOST_URL = "http://127.0.0.1:9";

/** The test suites' key ring for sealed channel credentials (CHANNEL_SECRETS_KEYS / _KEY_ID). */
export const TEST_CHANNEL_SECRETS_KEY_ID = "test1";
export const TEST_CHANNEL_SECRETS_KEYS = `${TEST_CHANNEL_SECRETS_KEY_ID}:${btoa("test-only-channel-secrets-key-32")}`;
