// Lookups the inbound consumer needs that belong to no other table's repo (service path: scoped by workspace).
import { and, eq, sql } from "drizzle-orm";
import { messages, workspaces } from "../db/schema";
import type { Queryable } from "../db/tenant";

/** Whether the lead ever wrote to us (on any channel): the first reply is what moves their card. */
export function hasInboundMessage(db: Queryable, workspaceId: string, leadId: string) {
  return db
    .select({ one: sql<number>`1` })
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.leadId, leadId), eq(messages.direction, "inbound")))
    .limit(1)
    .then((rows) => rows.length > 0);
}

/** Who owns leads created by background work (leads.user_id is required): the workspace's creator. */
export function workspaceCreator(db: Queryable, workspaceId: string) {
  return db
    .select({ createdBy: workspaces.createdBy })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .then((rows) => rows[0]?.createdBy);
}

/** Serialises inbound work for one sender, so two of their messages cannot create two leads or threads. */
export async function lockSender(db: Queryable, workspaceId: string, channel: string, handle: string) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`inbound:${workspaceId}:${channel}:${handle}`}))`);
}
