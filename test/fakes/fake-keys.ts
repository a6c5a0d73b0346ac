// The API keys the fakes accept; the providers suite configures the Worker with them.
export const FAKE_APOLLO_KEY = "apollo-test-key";
export const FAKE_CLEARBIT_KEY = "clearbit-test-key";
export const FAKE_CRUNCHBASE_KEY = "crunchbase-test-key";
export const FAKE_LLM_KEY = "llm-test-key";
