import { and, eq, sql } from "drizzle-orm";
import { channelCredentials } from "../db/schema";
import type { Queryable } from "../db/tenant";

export interface StoredCredentials {
  keyId: string;
  sealed: string;
}

/** Service role only (the table has no member policy). */
export async function upsertCredentials(
  db: Queryable,
  workspaceId: string,
  accountId: string,
  value: StoredCredentials,
): Promise<void> {
  await db
    .insert(channelCredentials)
    .values({ accountId, workspaceId, ...value })
    .onConflictDoUpdate({
      target: channelCredentials.accountId,
      set: { keyId: value.keyId, sealed: value.sealed, updatedAt: sql`now()` },
      // An account id is never reused across workspaces; the guard keeps a bug from crossing tenants anyway.
      setWhere: eq(channelCredentials.workspaceId, workspaceId),
    });
}

export async function findCredentials(
  db: Queryable,
  workspaceId: string,
  accountId: string,
): Promise<StoredCredentials | undefined> {
  const [row] = await db
    .select({ keyId: channelCredentials.keyId, sealed: channelCredentials.sealed })
    .from(channelCredentials)
    .where(and(eq(channelCredentials.accountId, accountId), eq(channelCredentials.workspaceId, workspaceId)));
  return row;
}
