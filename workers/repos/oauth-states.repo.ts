import { and, eq, gt, lt, sql } from "drizzle-orm";
import { oauthStates } from "../db/schema";
import type { Queryable } from "../db/tenant";

export interface OAuthStateRecord {
  workspaceId: string;
  userId: string;
  provider: string;
  codeVerifier: string | null;
  data: unknown;
}

/** Service role only. */
export async function insertOAuthState(
  db: Queryable,
  row: OAuthStateRecord & { stateHash: string; expiresAt: Date },
): Promise<void> {
  await db.insert(oauthStates).values(row);
}

/** Deletes and returns the flow (a state works once); undefined when unknown, expired or another provider's. */
export async function takeOAuthState(
  db: Queryable,
  provider: string,
  stateHash: string,
  now: Date,
): Promise<OAuthStateRecord | undefined> {
  const [row] = await db
    .delete(oauthStates)
    .where(
      and(
        eq(oauthStates.stateHash, stateHash),
        eq(oauthStates.provider, provider),
        gt(oauthStates.expiresAt, sql`${now.toISOString()}::timestamptz`),
      ),
    )
    .returning({
      workspaceId: oauthStates.workspaceId,
      userId: oauthStates.userId,
      provider: oauthStates.provider,
      codeVerifier: oauthStates.codeVerifier,
      data: oauthStates.data,
    });
  return row;
}

export async function pruneExpiredOAuthStates(db: Queryable, now = new Date()): Promise<number> {
  const rows = await db
    .delete(oauthStates)
    .where(lt(oauthStates.expiresAt, sql`${now.toISOString()}::timestamptz`))
    .returning({ stateHash: oauthStates.stateHash });
  return rows.length;
}
