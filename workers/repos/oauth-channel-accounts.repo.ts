// Channel accounts connected through a provider's OAuth (X; Meta next): a reconnect of the same provider account in
// the same workspace updates its row (name, status) instead of adding a second one.
import { sql } from "drizzle-orm";
import { channelAccounts } from "../db/schema";
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
  at: Date;
}

export function upsertOAuthAccount(db: Queryable, row: OAuthAccountRow) {
  const connected = {
    status: "connected" as const,
    providerStatus: "connected",
    statusReason: null,
    statusAt: row.at,
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
      set: { ...connected, updatedAt: sql`now()` },
    })
    .returning(channelAccountColumns)
    .then((rows) => rows[0]!);
}
