import { and, desc, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { conversations, leads, messages } from "../db/schema";
import type { ConversationStatus, MessageChannel, MessageDirection } from "../db/schema";
import type { Queryable } from "../db/tenant";
import { beforeKey, exactTime } from "../lib/exact-cursor";
import type { ExactKey } from "../lib/exact-cursor";
import { stagesOf } from "./lead-list.repo";

export const conversationColumns = {
  id: conversations.id,
  workspaceId: conversations.workspaceId,
  leadId: conversations.leadId,
  channel: conversations.channel,
  accountId: conversations.accountId,
  externalThreadId: conversations.externalThreadId,
  status: conversations.status,
  assigneeId: conversations.assigneeId,
  unreadCount: conversations.unreadCount,
  lastMessageId: conversations.lastMessageId,
  lastMessageAt: conversations.lastMessageAt,
  lastMessagePreview: conversations.lastMessagePreview,
  lastMessageDirection: conversations.lastMessageDirection,
  lastInboundAt: conversations.lastInboundAt,
  createdAt: conversations.createdAt,
  updatedAt: conversations.updatedAt,
};

export type ConversationRecord = NonNullable<Awaited<ReturnType<typeof findConversation>>>;

export function findConversation(db: Queryable, workspaceId: string, id: string) {
  return db
    .select(conversationColumns)
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)))
    .then((rows) => rows[0]);
}

export function findConversationsOfLead(db: Queryable, workspaceId: string, leadId: string) {
  return db
    .select(conversationColumns)
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.leadId, leadId)));
}

/** The lead's thread on `channel`, created on first use (one per lead and channel). */
export async function upsertConversation(
  db: Queryable,
  row: {
    workspaceId: string;
    leadId: string;
    channel: MessageChannel;
    accountId: string | null;
    externalThreadId?: string;
  },
) {
  const inserted = await db
    .insert(conversations)
    .values(row)
    .onConflictDoUpdate({
      target: [conversations.workspaceId, conversations.leadId, conversations.channel],
      // Keep the thread; learn the account/thread id if it was unknown. A no-op update still locks the row,
      // so concurrent writers to one thread serialise here.
      set: {
        accountId: sql`coalesce(${conversations.accountId}, excluded.account_id)`,
        externalThreadId: sql`coalesce(${conversations.externalThreadId}, excluded.external_thread_id)`,
      },
    })
    .returning(conversationColumns);
  return inserted[0]!;
}

const PREVIEW_CHARS = 140;

/**
 * Records a new message on its thread: last message, unread count (inbound only) and the reply window.
 * Only moves "last message" forward in time, so a late write of an older message cannot replace it.
 */
export function touchConversation(
  db: Queryable,
  id: string,
  message: { id: string; body: string; direction: MessageDirection; at: Date },
) {
  const at = message.at.toISOString();
  const newer = sql`(${conversations.lastMessageAt} is null or ${conversations.lastMessageAt} <= ${at}::timestamptz)`;
  const inbound = message.direction === "inbound";
  return db
    .update(conversations)
    .set({
      lastMessageId: sql`case when ${newer} then ${message.id}::uuid else ${conversations.lastMessageId} end`,
      lastMessagePreview: sql`case when ${newer} then ${message.body.slice(0, PREVIEW_CHARS)} else ${conversations.lastMessagePreview} end`,
      lastMessageDirection: sql`case when ${newer} then ${message.direction} else ${conversations.lastMessageDirection} end`,
      lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${at}::timestamptz)`,
      unreadCount: inbound ? sql`${conversations.unreadCount} + 1` : conversations.unreadCount,
      lastInboundAt: inbound
        ? sql`greatest(${conversations.lastInboundAt}, ${at}::timestamptz)`
        : conversations.lastInboundAt,
      // A new message from the lead reopens a closed or snoozed thread.
      status: inbound ? sql`'open'` : conversations.status,
      updatedAt: new Date(),
    })
    .where(eq(conversations.id, id))
    .returning(conversationColumns)
    .then((rows) => rows[0]);
}

// ---- The inbox (read side) ----

/** Last activity: the inbox order. Written exactly as conversations_inbox_idx so the index serves it. */
const activity = sql`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt})`;

/** A lead that exists only in the built-in sample data (fictional: real channels refuse it). */
export const sampleOnly = sql<boolean>`(cardinality(${leads.sources}) > 0 and ${leads.sources} <@ array['sample']::text[])`;

export const inboxLeadColumns = {
  id: leads.id,
  fullName: leads.fullName,
  companyName: leads.companyName,
  jobTitle: leads.jobTitle,
  score: leads.score,
  tags: leads.tags,
  sample: sampleOnly,
};

export interface InboxFilters {
  channel?: MessageChannel;
  status?: ConversationStatus;
  unread?: boolean;
  /** A member's user id, or null for unassigned. */
  assigneeId?: string | null;
  q?: string;
}

const escapeLike = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Newest activity first, keyset on (activity, id) with the exact timestamp (see lib/exact-cursor). */
export function listInbox(db: Queryable, workspaceId: string, filters: InboxFilters, limit: number, after?: ExactKey) {
  const like = filters.q ? escapeLike(filters.q) : undefined;
  const text: SQL | undefined = like
    ? or(
        sql`${leads.fullName} ilike ${like}`,
        sql`${leads.companyName} ilike ${like}`,
        sql`${conversations.lastMessagePreview} ilike ${like}`,
        sql`exists (select 1 from ${messages} where ${messages.conversationId} = ${conversations.id} and ${messages.body} ilike ${like})`,
      )
    : undefined;
  return db
    .select({ ...conversationColumns, activityKey: exactTime(activity), lead: inboxLeadColumns })
    .from(conversations)
    .innerJoin(leads, and(eq(leads.id, conversations.leadId), eq(leads.workspaceId, conversations.workspaceId)))
    .where(
      and(
        eq(conversations.workspaceId, workspaceId),
        filters.channel ? eq(conversations.channel, filters.channel) : undefined,
        filters.status ? eq(conversations.status, filters.status) : undefined,
        filters.unread ? gt(conversations.unreadCount, 0) : undefined,
        filters.assigneeId === null ? isNull(conversations.assigneeId) : undefined,
        filters.assigneeId ? eq(conversations.assigneeId, filters.assigneeId) : undefined,
        text,
        after ? beforeKey(activity, conversations.id, after) : undefined,
      ),
    )
    .orderBy(sql`${activity} desc`, desc(conversations.id))
    .limit(limit);
}

export type InboxRow = Awaited<ReturnType<typeof listInbox>>[number];

/** One conversation with its lead, as the inbox shows it. */
export function findInboxConversation(db: Queryable, workspaceId: string, id: string) {
  return db
    .select({
      ...conversationColumns,
      activityKey: exactTime(activity),
      lead: { ...inboxLeadColumns, bestContactTime: leads.bestContactTime, timezone: leads.timezone },
    })
    .from(conversations)
    .innerJoin(leads, and(eq(leads.id, conversations.leadId), eq(leads.workspaceId, conversations.workspaceId)))
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)))
    .then((rows) => rows[0]);
}

/** The lead as the inbox shows it, for a lead with no conversation yet. */
export function findInboxLead(db: Queryable, workspaceId: string, leadId: string) {
  return db
    .select({ ...inboxLeadColumns, bestContactTime: leads.bestContactTime, timezone: leads.timezone })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, leadId)))
    .then((rows) => rows[0]);
}

/** The lead's cards on every board (the side panel moves them). */
export async function leadCards(db: Queryable, workspaceId: string, leadId: string) {
  const rows = await stagesOf(db, workspaceId, [leadId]);
  return rows.map(({ cardId, pipelineId, pipelineName, stage, status }) => ({
    id: cardId,
    pipelineId,
    pipelineName,
    stage,
    status,
  }));
}

/** The lead's most recently active conversation (opening a lead's thread from elsewhere). */
export function latestConversationOfLead(db: Queryable, workspaceId: string, leadId: string) {
  return db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.leadId, leadId)))
    .orderBy(sql`${activity} desc`, desc(conversations.id))
    .limit(1)
    .then((rows) => rows[0]);
}

export function markConversationRead(db: Queryable, workspaceId: string, id: string) {
  return db
    .update(conversations)
    .set({ unreadCount: 0, updatedAt: new Date() })
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)))
    .returning(conversationColumns)
    .then((rows) => rows[0]);
}

export function updateConversation(
  db: Queryable,
  workspaceId: string,
  id: string,
  patch: { status?: ConversationStatus; assigneeId?: string | null },
) {
  return db
    .update(conversations)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)))
    .returning(conversationColumns)
    .then((rows) => rows[0]);
}
