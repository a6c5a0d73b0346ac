import type { RouterContextProvider } from "react-router";
import { openDb } from "../../workers/db/client";
import type { Db } from "../../workers/db/client";
import { cloudflareContext } from "./cloudflare-context";

/** A Postgres client for one loader or action, closed once the response is on its way. */
export async function withDb<T>(context: Readonly<RouterContextProvider>, fn: (db: Db) => Promise<T>): Promise<T> {
  const { env, ctx } = context.get(cloudflareContext);
  const handle = openDb(env.HYPERDRIVE.connectionString);
  try {
    return await fn(handle.db);
  } finally {
    ctx.waitUntil(handle.close().catch(() => {}));
  }
}
