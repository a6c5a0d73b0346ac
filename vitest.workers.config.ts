// API, queue and Durable Object tests, run inside workerd with the bindings from wrangler.toml.
import { workersSuite } from "./test/support/workers-config.ts";

export default workersSuite(
  "workers",
  ["test/api/**/*.test.ts", "workers/**/*.test.ts", "durable-objects/**/*.test.ts"],
  {
    // Small, so the over-the-limit import test stays quick.
    IMPORT_MAX_BYTES: "5242880",
  },
);
