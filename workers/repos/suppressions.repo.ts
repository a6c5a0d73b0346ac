import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { suppressions } from "../db/schema";
import type { MessageChannel, SuppressionKind } from "../db/schema";
import type { Queryable } from "../db/tenant";

export const suppressionColumns = {
  id: suppressions.id,
  workspaceId: suppressions.workspaceId,
  leadId: suppressions.leadId,
  identityKind: suppressions.identityKind,
  identityValue: suppressions.identityValue,
  channel: suppressions.channel,
  reason: suppressions.reason,
  source: suppressions.source,
  createdBy: suppressions.createdBy,
  createdAt: suppressions.createdAt,
};

export type SuppressionRecord = typeof suppressions.$inferSelect;
export type NewSuppression = typeof suppressions.$inferInsert;

export interface SuppressionIdentity {
  kind: SuppressionKind;
  value: string;
}

/**
 * The first suppression that covers any of these identities (in normal form: E.164 phone, lower-case e-mail,
 * the channel's handle, the lead id) on `channel` or on every channel; undefined when the person may be messaged.
 */
export function findSuppression(
  db: Queryable,
  workspaceId: string,
  identities: SuppressionIdentity[],
  channel: MessageChannel,
) {
  if (identities.length === 0) return Promise.resolve(undefined);
  const who = or(
    ...identities.map(
      (i): SQL => and(eq(suppressions.identityKind, i.kind), eq(suppressions.identityValue, i.value)) as SQL,
    ),
  );
  return db
    .select(suppressionColumns)
    .from(suppressions)
    .where(
      and(
        eq(suppressions.workspaceId, workspaceId),
        who,
        or(isNull(suppressions.channel), eq(suppressions.channel, channel)),
      ),
    )
    .orderBy(sql`${suppressions.channel} nulls first`)
    .limit(1)
    .then((rows) => rows[0]);
}

/** Adds suppressions, keeping the first reason for an identity already suppressed; returns the rows added. */
export function insertSuppressions(db: Queryable, rows: NewSuppression[]) {
  if (rows.length === 0) return Promise.resolve([]);
  return db.insert(suppressions).values(rows).onConflictDoNothing().returning(suppressionColumns);
}

/** Newest first, keyset on (created_at, id); `channel` keeps the rows that apply to it (its own and "all"). */
export function listSuppressions(
  db: Queryable,
  workspaceId: string,
  filters: { leadId?: string; channel?: MessageChannel },
  limit: number,
  after?: { createdAt: Date; id: string },
) {
  const where: (SQL | undefined)[] = [eq(suppressions.workspaceId, workspaceId)];
  if (filters.leadId) where.push(eq(suppressions.leadId, filters.leadId));
  if (filters.channel) where.push(or(isNull(suppressions.channel), eq(suppressions.channel, filters.channel)));
  // Cursors carry milliseconds; Postgres keeps microseconds, so order and compare at the cursor's precision.
  const createdMs = sql`date_trunc('milliseconds', ${suppressions.createdAt})`;
  if (after)
    where.push(
      sql`(${createdMs}, ${suppressions.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`,
    );
  return db
    .select(suppressionColumns)
    .from(suppressions)
    .where(and(...where))
    .orderBy(sql`${createdMs} desc`, sql`${suppressions.id} desc`)
    .limit(limit);
}
