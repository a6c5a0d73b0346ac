// Postgres-backed cache of provider responses. Keys are hashes of provider + request, so the cache
// holds no query text; a failed cache read or write never fails the search itself.
import type { Db } from "../db/client";
import { asService } from "../db/tenant";
import { describeError } from "../lib/logger";
import type { Logger } from "../lib/logger";
import { readCache, writeCache } from "../repos/source-cache.repo";

export async function cacheKey(source: string, request: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(`${source}:${JSON.stringify(request)}`);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return `${source}:${[...digest].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

export function cachedCall(db: Db, source: string, log: Logger) {
  return async <T>(request: unknown, ttlSeconds: number, load: () => Promise<T>): Promise<T> => {
    const key = await cacheKey(source, request);
    const hit = await asService(db, (tx) => readCache(tx, key)).catch((err: unknown) => {
      log.warn("source cache read failed", { source, ...describeError(err) });
      return undefined;
    });
    if (hit) return hit.value as T;
    const value = await load();
    await asService(db, (tx) => writeCache(tx, key, source, value, ttlSeconds)).catch((err: unknown) =>
      log.warn("source cache write failed", { source, ...describeError(err) }),
    );
    return value;
  };
}
