import type postgres from "postgres";
import { version } from "../../package.json";

export interface HealthReport {
  status: "ok" | "degraded";
  db: "ok" | "down";
  version: string;
}

const DB_CHECK_TIMEOUT_MS = 3000;

/** Reports whether Postgres answers a real query within a bounded time. */
export async function checkHealth(sql: postgres.Sql, timeoutMs = DB_CHECK_TIMEOUT_MS): Promise<HealthReport> {
  const db = await pingDatabase(sql, timeoutMs);
  return { status: db === "ok" ? "ok" : "degraded", db, version };
}

async function pingDatabase(sql: postgres.Sql, timeoutMs: number): Promise<"ok" | "down"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<"down">((resolve) => {
    timer = setTimeout(() => resolve("down"), timeoutMs);
  });
  const query = sql`select 1 as ok`.then(
    (rows) => (rows[0]?.ok === 1 ? ("ok" as const) : ("down" as const)),
    () => "down" as const,
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
