// Builds the app and serves the production bundle through `wrangler dev` (workerd) on a free port,
// against this run's test database, exactly as `bun run start` does.
import type { TestProject } from "vitest/node";
import { freePort, startProcess, waitForHttp } from "../../scripts/lib/processes.ts";
import { FAKE_X_CLIENT_ID, FAKE_X_CLIENT_SECRET } from "../fakes/fake-keys.ts";
import { startLinkedinFake } from "../fakes/linkedin-voyager-fake.ts";
import { startXFake } from "../fakes/x-api-fake.ts";
import { testDatabaseUrl } from "../support/test-env.ts";
import {
  FAKE_META_APP_ID,
  FAKE_META_APP_SECRET,
  FAKE_META_VERIFY_TOKEN,
  startMetaGraphFake,
} from "../fakes/meta-graph-fake.ts";
import { FAST_PACING, startWaStandInProcess } from "../support/wa-stand-in.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    standInUrl: string;
    metaControlUrl: string;
    xFakeUrl: string;
    linkedinFakeUrl: string;
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
  // WhatsApp: the app's session-host (started by dev.ts) talks to a loopback WhatsApp stand-in, which the tests
  // drive through its control API as the lead's and the rep's phones.
  const standIn = await startWaStandInProcess();
  const sessionHostUrl = `http://127.0.0.1:${await freePort()}`;
  // Facebook and Instagram: Meta's Graph API and OAuth dialog are the local fake (test/fakes/meta-graph-fake.ts).
  const meta = await startMetaGraphFake();
  const metaVars = Object.entries({
    META_GRAPH_URL: meta.graphUrl,
    META_OAUTH_DIALOG_URL: meta.dialogUrl,
    META_APP_ID: FAKE_META_APP_ID,
    META_APP_SECRET: FAKE_META_APP_SECRET,
    META_WEBHOOK_VERIFY_TOKEN: FAKE_META_VERIFY_TOKEN,
  }).flatMap(([name, value]) => ["--var", `${name}:${value}`]);
  // X: the local fake of X API v2 and its authorize page (test/fakes/x-api-fake.ts), which the browser clicks through.
  const xFake = await startXFake();
  const x = {
    X_API_URL: xFake.url,
    X_AUTHORIZE_URL: xFake.authorizeUrl,
    X_CLIENT_ID: FAKE_X_CLIENT_ID,
    X_CLIENT_SECRET: FAKE_X_CLIENT_SECRET,
    X_POLL_INTERVAL_SECONDS: "2",
  };
  // LinkedIn: the app's session-host runs LinkedIn sessions against the local Voyager fake.
  const linkedin = await startLinkedinFake();
  const xVars = Object.entries(x).flatMap(([name, value]) => ["--var", `${name}:${value}`]);
  const app = startProcess(
    "bun",
    [
      "scripts/dev.ts",
      "--preview",
      "--",
      ...limits,
      ...metaVars,
      ...xVars,
      "--var",
      `SESSION_HOST_URL:${sessionHostUrl}`,
    ],
    {
      env: {
        PORT: String(port),
        DATABASE_URL: testDatabaseUrl(),
        SESSION_HOST_URL: sessionHostUrl,
        WA_WEBSOCKET_URL: standIn.info.url,
        WA_CERT_ROOT_PUBLIC_KEY: standIn.info.certRootPublicKey,
        // Pacing has its own tests; here a message goes at once, as a rep expects from one send.
        SESSION_PACING_DEFAULTS: JSON.stringify(FAST_PACING),
        LINKEDIN_API_URL: linkedin.url,
        LINKEDIN_POLL_MS: "1000",
      },
    },
  );
  await waitForHttp(`http://127.0.0.1:${port}/api/health`, 120_000, app);
  await waitForHttp(`${sessionHostUrl}/health`, 60_000, app);
  project.provide("baseUrl", `http://127.0.0.1:${port}`);
  project.provide("standInUrl", standIn.controlUrl);
  project.provide("metaControlUrl", meta.controlUrl);
  project.provide("xFakeUrl", xFake.url);
  project.provide("linkedinFakeUrl", linkedin.url);
  return async () => {
    await app.stop();
    await standIn.process.stop();
    await Promise.all([meta.close(), xFake.close(), linkedin.close()]);
  };
}
