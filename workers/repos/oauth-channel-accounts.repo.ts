// Channel accounts connected through a provider's OAuth (Facebook Pages, Instagram accounts, X accounts):
// connecting the same provider account again in the same workspace updates the row it already has (the unique
// workspace/channel/external id) instead of adding a second one.
import { and, eq, ne, sql } from "drizzle-orm";
import { channelAccounts, workspaceMembers } from "../db/schema";
import type { MessageChannel } from "../db/schema";
import type { Queryable } from "../db/tenant";
import { channelAccountColumns } from "./channel-accounts.repo";

export interface OAuthAccountRow {
  workspaceId: string;
  channel: MessageChannel;
  provider: string;
  displayName: string;
  externalId: string;
  createdBy: string;
  /** When the provider confirmed the connection (default: now). */
  at?: Date;
}

export function upsertOAuthAccount(db: Queryable, row: OAuthAccountRow) {
  const connected = {
    status: "connected" as const,
    providerStatus: "connected",
    statusReason: null,
    statusAt: row.at ?? new Date(),
    displayName: row.displayName,
  };
  return db
    .insert(channelAccounts)
    .values({
      workspaceId: row.workspaceId,
      channel: row.channel,
      provider: row.provider,
      externalId: row.externalId,
      createdBy: row.createdBy,
      credentialsRef: `${row.provider}:sealed`,
      ...connected,
    })
    .onConflictDoUpdate({
      target: [channelAccounts.workspaceId, channelAccounts.channel, channelAccounts.externalId],
      set: { ...connected, provider: row.provider, updatedAt: sql`now()` },
    })
    .returning(channelAccountColumns)
    .then((rows) => rows[0]!);
}

/**
 * Whether another workspace already has this provider account connected (service role). Inbound events are routed by
 * the provider's account id, so one Page or X account belongs to one workspace at a time.
 */
export async function connectedElsewhere(
  db: Queryable,
  row: { workspaceId: string; channel: MessageChannel; externalId: string },
): Promise<boolean> {
  const found = await db
    .select({ id: channelAccounts.id })
    .from(channelAccounts)
    .where(
      and(
        eq(channelAccounts.channel, row.channel),
        eq(channelAccounts.externalId, row.externalId),
        ne(channelAccounts.workspaceId, row.workspaceId),
        eq(channelAccounts.status, "connected"),
      ),
    )
    .limit(1);
  return found.length > 0;
}

/** The role of the user who started a connect flow, now (they may have been demoted or removed meanwhile). */
export function memberRole(db: Queryable, workspaceId: string, userId: string) {
  return db
    .select({ role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)))
    .then((rows) => rows[0]?.role);
}
