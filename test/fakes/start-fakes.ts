// Starts every provider fake on a free loopback port; scripts/test.ts hands the URLs to the providers suite.
import { startApolloFake } from "./apollo-fake";
import { startClearbitFake } from "./clearbit-fake";
import { startCrunchbaseFake } from "./crunchbase-fake";
import { startLinkedinFake } from "./linkedin-voyager-fake";
import { startMetaGraphFake } from "./meta-graph-fake";
import { startOpenAiFake } from "./openai-fake";
import { startSmtpFake } from "./smtp-fake";
import { startXFake } from "./x-api-fake";

export async function startFakes() {
  const apollo = await startApolloFake();
  const llm = await startOpenAiFake();
  const clearbit = await startClearbitFake();
  const crunchbase = await startCrunchbaseFake();
  const smtp = await startSmtpFake();
  const meta = await startMetaGraphFake();
  const x = await startXFake();
  const linkedin = await startLinkedinFake();
  return {
    env: {
      FAKE_APOLLO_URL: apollo.url,
      FAKE_LLM_URL: llm.url,
      FAKE_CLEARBIT_PERSON_URL: clearbit.personUrl,
      FAKE_CLEARBIT_COMPANY_URL: clearbit.companyUrl,
      FAKE_CRUNCHBASE_URL: crunchbase.url,
      FAKE_SMTP_URL: smtp.url,
      FAKE_SMTP_INBOX_URL: smtp.inboxUrl,
      FAKE_META_GRAPH_URL: meta.graphUrl,
      FAKE_META_DIALOG_URL: meta.dialogUrl,
      FAKE_META_CONTROL_URL: meta.controlUrl,
      FAKE_X_URL: x.url,
      FAKE_X_AUTHORIZE_URL: x.authorizeUrl,
      FAKE_LINKEDIN_URL: linkedin.url,
    },
    close: async () => {
      await Promise.all([
        apollo.close(),
        llm.close(),
        clearbit.close(),
        crunchbase.close(),
        smtp.close(),
        meta.close(),
        x.close(),
        linkedin.close(),
      ]);
    },
  };
}
