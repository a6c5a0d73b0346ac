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
  createdBy: channelAccounts.createdBy,
  createdAt: channelAccounts.createdAt,
};

export type ChannelAccountRecord = NonNullable<Awaited<ReturnType<typeof findAccountsByExternalIds>>[number]>;

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
