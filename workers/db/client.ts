import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Db = ReturnType<typeof drizzle<typeof schema>>;

export interface DbHandle {
  readonly db: Db;
  readonly sql: postgres.Sql;
  close(): Promise<void>;
}

/**
 * One small client per request: Workers cannot share sockets across requests, and Hyperdrive does the
 * pooling in production. `fetch_types: false` saves a round trip on every new connection.
 */
export function openDb(connectionString: string): DbHandle {
  const sql = postgres(connectionString, {
    max: 5,
    fetch_types: false,
    connect_timeout: 5,
    idle_timeout: 5,
    onnotice: () => {},
  });
  return {
    db: drizzle(sql, { schema }),
    sql,
    close: () => sql.end({ timeout: 5 }),
  };
}

/** Opens a connection only when first used, so routes that never touch Postgres never pay for it. */
export function lazyDb(connectionString: string): { get(): DbHandle; close(): Promise<void> } {
  let handle: DbHandle | undefined;
  return {
    get: () => (handle ??= openDb(connectionString)),
    close: async () => {
      if (handle) await handle.close();
    },
  };
}
