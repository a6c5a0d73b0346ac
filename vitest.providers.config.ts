// Lead-source adapters inside workerd against local fakes of the providers' documented contracts
// (test/fakes), started by scripts/test.ts, which passes their URLs in FAKE_*_URL; and the Worker's WhatsApp side
// against a real session-host process it starts too (SESSION_HOST_TEST_URL).
import { FAKE_META_APP_ID, FAKE_META_APP_SECRET, FAKE_META_VERIFY_TOKEN } from "./test/fakes/meta-graph-fake.ts";
import {
  FAKE_APOLLO_KEY,
  FAKE_CLEARBIT_KEY,
  FAKE_CRUNCHBASE_KEY,
  FAKE_LLM_KEY,
  FAKE_X_CLIENT_ID,
  FAKE_X_CLIENT_SECRET,
} from "./test/fakes/fake-keys.ts";
import { workersSuite } from "./test/support/workers-config.ts";

const fake = (name: string) => {
  const url = process.env[`FAKE_${name}_URL`];
  if (!url) throw new Error(`FAKE_${name}_URL is not set: run the providers suite through bun run test providers`);
  return url;
};

function sessionHostUrl(): string {
  const url = process.env.SESSION_HOST_TEST_URL;
  if (!url) throw new Error("SESSION_HOST_TEST_URL is not set: run the providers suite through bun run test providers");
  return url;
}

export default workersSuite(
  "providers",
  ["test/providers/**/*.test.ts"],
  {
    LOG_LEVEL: "error",
    SOURCE_TIMEOUT_MS: "2000",
    // Fault tests fail Apollo on purpose; the breaker has its own test (source-runner.test.ts).
    SOURCE_BREAKER_THRESHOLD: "1000",
    // A queued provider lookup (Clearbit's 202) is asked again after a second, not a minute.
    ENRICHMENT_PENDING_RETRY_SECONDS: "1",
    APOLLO_API_KEY: FAKE_APOLLO_KEY,
    APOLLO_BASE_URL: fake("APOLLO"),
    CLEARBIT_API_KEY: FAKE_CLEARBIT_KEY,
    CLEARBIT_PERSON_URL: fake("CLEARBIT_PERSON"),
    CLEARBIT_COMPANY_URL: fake("CLEARBIT_COMPANY"),
    CRUNCHBASE_API_KEY: FAKE_CRUNCHBASE_KEY,
    CRUNCHBASE_BASE_URL: fake("CRUNCHBASE"),
    LLM_API_KEY: FAKE_LLM_KEY,
    LLM_BASE_URL: fake("LLM"),
    LLM_MODEL: "fake-model",
    LLM_TIMEOUT_MS: "1000",
    // Not SMTP_URL itself: that would switch every test's mail to SMTP. The SMTP test passes it per call.
    FAKE_SMTP_URL: fake("SMTP"),
    FAKE_SMTP_INBOX_URL: fake("SMTP_INBOX"),
    // A real session-host process (scripts/test.ts), sharing SESSION_HOST_SECRET with this Worker.
    SESSION_HOST_URL: sessionHostUrl(),
    // Facebook Messenger and Instagram against the Graph fake (test/fakes/meta-graph-fake.ts).
    META_GRAPH_URL: fake("META_GRAPH"),
    META_OAUTH_DIALOG_URL: fake("META_DIALOG"),
    FAKE_META_CONTROL_URL: fake("META_CONTROL"),
    META_APP_ID: FAKE_META_APP_ID,
    META_APP_SECRET: FAKE_META_APP_SECRET,
    META_WEBHOOK_VERIFY_TOKEN: FAKE_META_VERIFY_TOKEN,
    // X API v2 DMs (test/fakes/x-api-fake.ts): a confidential client; inbound DMs polled every second.
    X_API_URL: fake("X"),
    X_AUTHORIZE_URL: fake("X_AUTHORIZE"),
    X_CLIENT_ID: FAKE_X_CLIENT_ID,
    X_CLIENT_SECRET: FAKE_X_CLIENT_SECRET,
    X_POLL_INTERVAL_SECONDS: "1",
    // The LinkedIn Voyager fake the session-host's LinkedIn sessions talk to (tests read what reached it).
    FAKE_LINKEDIN_URL: fake("LINKEDIN"),
  },
  30_000,
);
