import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { channelAccounts } from "../db/schema";
import type { MessageChannel } from "../db/schema";
import type { Queryable } from "../db/tenant";

export const channelAccountColumns = {
  id: channelAccounts.id,
  workspaceId: channelAccounts.workspaceId,
  channel: channelAccounts.channel,
  provider: channelAccounts.provider,
  displayName: channelAccounts.displayName,
  externalId: channelAccounts.externalId,
  status: channelAccounts.status,
  credentialsRef: channelAccounts.credentialsRef,
};

export type ChannelAccountRecord = NonNullable<Awaited<ReturnType<typeof findChannelAccount>>>;

export function findChannelAccount(db: Queryable, workspaceId: string, id: string) {
  return db
    .select(channelAccountColumns)
    .from(channelAccounts)
    .where(and(eq(channelAccounts.workspaceId, workspaceId), eq(channelAccounts.id, id)))
    .then((rows) => rows[0]);
}

/** The workspace's connected accounts, oldest first per channel (the first is the default sender). */
export function connectedAccounts(db: Queryable, workspaceId: string) {
  return db
    .select(channelAccountColumns)
    .from(channelAccounts)
    .where(and(eq(channelAccounts.workspaceId, workspaceId), eq(channelAccounts.status, "connected")))
    .orderBy(asc(channelAccounts.createdAt), asc(channelAccounts.id));
}

/**
 * The accounts inbound events are addressed to, across workspaces (the service path routes webhooks by them).
 * Should one provider account be connected in several workspaces, the connected, oldest one receives.
 */
export function findAccountsByExternalIds(db: Queryable, channel: MessageChannel, externalIds: string[]) {
  if (externalIds.length === 0) return Promise.resolve([]);
  return db
    .select(channelAccountColumns)
    .from(channelAccounts)
    .where(and(eq(channelAccounts.channel, channel), inArray(channelAccounts.externalId, externalIds)))
    .orderBy(sql`(${channelAccounts.status} = 'connected') desc`, asc(channelAccounts.createdAt));
}

export function insertChannelAccount(db: Queryable, row: typeof channelAccounts.$inferInsert) {
  return db
    .insert(channelAccounts)
    .values(row)
    .returning(channelAccountColumns)
    .then((rows) => rows[0]!);
}

/**
 * Creates the account if missing (e.g. the virtual Sandbox account). `do nothing` on conflict takes no row
 * lock, so concurrent sends of a workspace do not queue behind each other here.
 */
export async function ensureChannelAccount(
  db: Queryable,
  row: { workspaceId: string; channel: MessageChannel; provider: string; displayName: string; externalId: string },
): Promise<void> {
  await db.insert(channelAccounts).values(row).onConflictDoNothing();
}
