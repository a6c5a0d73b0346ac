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
  providerStatus: channelAccounts.providerStatus,
  statusReason: channelAccounts.statusReason,
  statusAt: channelAccounts.statusAt,
  phone: channelAccounts.phone,
  createdAt: channelAccounts.createdAt,
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

/** Every account of the workspace, oldest first (the channels page). */
export function listChannelAccounts(db: Queryable, workspaceId: string) {
  return db
    .select(channelAccountColumns)
    .from(channelAccounts)
    .where(eq(channelAccounts.workspaceId, workspaceId))
    .orderBy(asc(channelAccounts.createdAt), asc(channelAccounts.id));
}

export interface AccountStatusReport {
  status: ChannelAccountRecord["status"];
  providerStatus: string;
  reason: string | null;
  /** Null keeps the number already known (only some reports carry it). */
  phone: string | null;
  at: Date;
}

/**
 * Applies a provider's report on the account unless a newer one was applied already (reports can arrive out of
 * order); returns the updated row, or undefined when nothing changed.
 */
export function applyAccountStatus(db: Queryable, workspaceId: string, id: string, report: AccountStatusReport) {
  const at = report.at.toISOString();
  return db
    .update(channelAccounts)
    .set({
      status: report.status,
      providerStatus: report.providerStatus,
      statusReason: report.reason,
      statusAt: report.at,
      phone: sql`coalesce(${report.phone}, ${channelAccounts.phone})`,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(channelAccounts.workspaceId, workspaceId),
        eq(channelAccounts.id, id),
        sql`(${channelAccounts.statusAt} is null or ${channelAccounts.statusAt} <= ${at}::timestamptz)`,
      ),
    )
    .returning(channelAccountColumns)
    .then((rows) => rows[0]);
}

export function deleteChannelAccount(db: Queryable, workspaceId: string, id: string) {
  return db
    .delete(channelAccounts)
    .where(and(eq(channelAccounts.workspaceId, workspaceId), eq(channelAccounts.id, id)))
    .returning({ id: channelAccounts.id })
    .then((rows) => rows[0]);
}
