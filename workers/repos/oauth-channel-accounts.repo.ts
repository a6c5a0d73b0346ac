// Accounts connected through a provider's OAuth (Facebook Pages, Instagram accounts): connecting the same provider
// account again updates the row it already has (the unique workspace/channel/external id), so re-connecting a Page
// refreshes it instead of adding a second one.
import { and, eq, sql } from "drizzle-orm";
import { channelAccounts, workspaceMembers } from "../db/schema";
import type { MessageChannel } from "../db/schema";
import type { Queryable } from "../db/tenant";
import { channelAccountColumns } from "./channel-accounts.repo";

export function upsertOAuthAccount(
  db: Queryable,
  row: {
    workspaceId: string;
    channel: MessageChannel;
    provider: string;
    displayName: string;
    externalId: string;
    createdBy: string;
  },
) {
  const now = new Date();
  const state = {
    status: "connected" as const,
    providerStatus: "connected",
    statusReason: null,
    statusAt: now,
    credentialsRef: "channel_credentials",
  };
  return db
    .insert(channelAccounts)
    .values({ ...row, ...state })
    .onConflictDoUpdate({
      target: [channelAccounts.workspaceId, channelAccounts.channel, channelAccounts.externalId],
      set: { ...state, provider: row.provider, displayName: row.displayName, updatedAt: sql`now()` },
    })
    .returning(channelAccountColumns)
    .then((rows) => rows[0]!);
}

/** The role of the user who started a connect flow, now (they may have been demoted or removed meanwhile). */
export function memberRole(db: Queryable, workspaceId: string, userId: string) {
  return db
    .select({ role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)))
    .then((rows) => rows[0]?.role);
}
