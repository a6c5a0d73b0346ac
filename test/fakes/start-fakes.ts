// Starts every provider fake on a free loopback port; scripts/test.ts hands the URLs to the providers suite.
import { startApolloFake } from "./apollo-fake";

export async function startFakes() {
  const apollo = await startApolloFake();
  return {
    env: { FAKE_APOLLO_URL: apollo.url },
    close: async () => {
      await apollo.close();
    },
  };
}
