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
