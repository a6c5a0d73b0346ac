import type { Logger } from "../lib/logger";
import type { lazyDb } from "../db/client";

/** What every API handler can read from `c.var`. */
export interface ApiVariables {
  requestId: string;
  log: Logger;
  database: ReturnType<typeof lazyDb>;
}

export interface ApiEnv {
  Bindings: Env;
  Variables: ApiVariables;
}
