import { and, eq, gt, sql } from "drizzle-orm";
import { sourceCache } from "../db/schema";
import type { Queryable } from "../db/tenant";

export function readCache(db: Queryable, key: string) {
  return db
    .select({ value: sourceCache.value })
    .from(sourceCache)
    .where(and(eq(sourceCache.key, key), gt(sourceCache.expiresAt, sql`now()`)))
    .then((rows) => rows[0]);
}

export function writeCache(db: Queryable, key: string, source: string, value: unknown, ttlSeconds: number) {
  const expiresAt = sql`now() + make_interval(secs => ${ttlSeconds})`;
  return db
    .insert(sourceCache)
    .values({ key, source, value, expiresAt })
    .onConflictDoUpdate({ target: sourceCache.key, set: { value, expiresAt } });
}
