import { lt, sql } from "drizzle-orm";
import { webhookNonces } from "../db/schema";
import type { Queryable } from "../db/tenant";

/**
 * Records a signed request's nonce; true the first time, false when any isolate already accepted it (a replay).
 * Service role only.
 */
export async function firstUseOfNonce(db: Queryable, nonce: string, expiresAt: Date): Promise<boolean> {
  const rows = await db
    .insert(webhookNonces)
    .values({ nonce, expiresAt })
    .onConflictDoNothing()
    .returning({ nonce: webhookNonces.nonce });
  return rows.length === 1;
}

/** Nonces whose signature window has passed can never be replayed successfully: forget them. */
export async function pruneExpiredNonces(db: Queryable, now = new Date()): Promise<number> {
  const rows = await db
    .delete(webhookNonces)
    .where(lt(webhookNonces.expiresAt, sql`${now.toISOString()}::timestamptz`))
    .returning({ nonce: webhookNonces.nonce });
  return rows.length;
}
