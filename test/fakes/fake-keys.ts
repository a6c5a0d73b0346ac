// The API keys the fakes accept; the providers suite configures the Worker with them.
export const FAKE_APOLLO_KEY = "apollo-test-key";
export const FAKE_CLEARBIT_KEY = "clearbit-test-key";
export const FAKE_CRUNCHBASE_KEY = "crunchbase-test-key";
export const FAKE_LLM_KEY = "llm-test-key";
/** The X app the fake knows: a confidential client (token requests with Basic auth). */
export const FAKE_X_CLIENT_ID = "x-test-client-id";
export const FAKE_X_CLIENT_SECRET = "x-test-client-secret";
