import type { lazyDb } from "../db/client";
import type { Logger } from "../lib/logger";
import type { Actor } from "../services/actor";

/** Who is calling and in which workspace; set by the auth middleware on every non-public route. */
export interface Principal extends Actor {
  kind: "user" | "apiKey";
  email: string | null;
}

/** What every API handler can read from `c.var`. */
export interface ApiVariables {
  requestId: string;
  log: Logger;
  database: ReturnType<typeof lazyDb>;
  principal: Principal;
  /** Refreshed session cookies to send back (cookie-authenticated browser calls). */
  setCookies?: string[];
}

export interface ApiEnv {
  Bindings: Env;
  Variables: ApiVariables;
}
