// Builds the app and serves the production bundle through `wrangler dev` (workerd) on a free port,
// against this run's test database, exactly as `bun run start` does.
import type { TestProject } from "vitest/node";
import { freePort, startProcess, waitForHttp } from "../../scripts/lib/processes.ts";
import { testDatabaseUrl } from "../support/test-env.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const port = await freePort();
  // Every browser test reaches the server from the same loopback address: per-IP and per-user limits sized
  // for one person would throttle the parallel test files against each other (limits have their own tests).
  const limits = [
    "RATE_LIMIT_IP_PER_MINUTE",
    "RATE_LIMIT_USER_PER_MINUTE",
    "RATE_LIMIT_ANON_PER_MINUTE",
    "AUTH_RATE_LIMIT_IP_PER_MINUTE",
    "AUTH_RATE_LIMIT_EMAIL_PER_HOUR",
  ].flatMap((name) => ["--var", `${name}:100000`]);
  const app = startProcess("bun", ["scripts/dev.ts", "--preview", "--", ...limits], {
    env: { PORT: String(port), DATABASE_URL: testDatabaseUrl() },
  });
  await waitForHttp(`http://127.0.0.1:${port}/api/health`, 120_000, app);
  project.provide("baseUrl", `http://127.0.0.1:${port}`);
  return () => app.stop();
}
