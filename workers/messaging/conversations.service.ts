// The inbox's read side and the few edits a member makes to a conversation (read, status, assignee). Sending
// is send.service's; this only lists, pages and patches, raising `conversation.upserted` for the list.
import type { Db } from "../db/client";
import type { ConversationStatus, MessageChannel } from "../db/schema";
import { asService, asUser } from "../db/tenant";
import type { Tx } from "../db/tenant";
import { AppError } from "../lib/app-error";
import { decodeExactCursor, encodeExactCursor } from "../lib/exact-cursor";
import { asUserWithLiveEvents } from "../realtime/live-events";
import * as repo from "../repos/conversations.repo";
import type { InboxRow } from "../repos/conversations.repo";
import { countFailedMessages, failedMessages, threadPage } from "../repos/messages.repo";
import { listMembers } from "../repos/members.repo";
import type { Actor } from "../services/actor";
import { auditedBy, recordAudit } from "../services/audit.service";
import { conversationSummaryJson, messageJson } from "./message-json";
import { emitConversation } from "./messaging-live";

export interface InboxQuery {
  channel?: MessageChannel;
  status?: ConversationStatus;
  unread?: boolean;
  /** A member's user id, "me", or "none" (unassigned). */
  assignee?: string;
  q?: string;
}

type Emails = Map<string, string>;

async function memberEmails(tx: Tx, workspaceId: string): Promise<Emails> {
  return new Map((await listMembers(tx, workspaceId)).map((m) => [m.userId, m.email]));
}

function leadJson(lead: InboxRow["lead"]) {
  return {
    id: lead.id,
    fullName: lead.fullName,
    companyName: lead.companyName,
    jobTitle: lead.jobTitle,
    score: lead.score,
    tags: lead.tags,
    sample: Boolean(lead.sample),
  };
}

function itemJson(row: InboxRow, emails: Emails) {
  return {
    ...conversationSummaryJson(row),
    createdAt: row.createdAt.toISOString(),
    lead: leadJson(row.lead),
    assignee: row.assigneeId ? { id: row.assigneeId, email: emails.get(row.assigneeId) ?? null } : null,
  };
}
export type InboxItemJson = ReturnType<typeof itemJson>;

export async function listConversations(db: Db, actor: Actor, query: InboxQuery, limit: number, cursor?: string) {
  const after = cursor ? decodeExactCursor(cursor) : undefined;
  const assigneeId =
    query.assignee === "me" ? actor.userId : query.assignee === "none" ? null : (query.assignee ?? undefined);
  return asUser(db, actor.claims, async (tx) => {
    const [rows, emails] = await Promise.all([
      repo.listInbox(tx, actor.workspaceId, { ...query, assigneeId }, limit + 1, after),
      memberEmails(tx, actor.workspaceId),
    ]);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      conversations: page.map((r) => itemJson(r, emails)),
      nextCursor: rows.length > limit && last ? encodeExactCursor({ at: last.activityKey, id: last.id }) : null,
    };
  });
}

async function loadItem(tx: Tx, actor: Actor, id: string) {
  const row = await repo.findInboxConversation(tx, actor.workspaceId, id);
  if (!row) throw new AppError("RESOURCE_NOT_FOUND", "No such conversation.", { id });
  return row;
}

function panelJson(lead: { bestContactTime: unknown; timezone: string | null }) {
  const best = lead.bestContactTime as { nextSlotUtc?: string; localWindow?: string; localDays?: string[] } | null;
  return {
    timezone: lead.timezone,
    bestContactTime: best?.nextSlotUtc
      ? { nextSlotUtc: best.nextSlotUtc, localWindow: best.localWindow ?? null, localDays: best.localDays ?? [] }
      : null,
  };
}

/** A conversation with its lead, the lead's cards, and one page of messages (oldest first within the page). */
export async function getConversation(db: Db, actor: Actor, id: string, limit: number, before?: string) {
  const cursor = before ? decodeExactCursor(before, "before") : undefined;
  return asUser(db, actor.claims, async (tx) => {
    const row = await loadItem(tx, actor, id);
    const [rows, emails, cards] = await Promise.all([
      threadPage(tx, actor.workspaceId, id, limit + 1, cursor),
      memberEmails(tx, actor.workspaceId),
      repo.leadCards(tx, actor.workspaceId, row.leadId),
    ]);
    const page = rows.slice(0, limit);
    const oldest = page.at(-1);
    return {
      conversation: itemJson(row, emails),
      lead: { ...leadJson(row.lead), ...panelJson(row.lead), cards },
      messages: page.reverse().map(messageJson),
      olderCursor: rows.length > limit && oldest ? encodeExactCursor({ at: oldest.key, id: oldest.id }) : null,
    };
  });
}

/** What the inbox opens for `?lead=`: the lead's latest conversation, or the lead alone to start one. */
export async function openLead(db: Db, actor: Actor, leadId: string) {
  return asUser(db, actor.claims, async (tx) => {
    const lead = await repo.findInboxLead(tx, actor.workspaceId, leadId);
    if (!lead) throw new AppError("RESOURCE_NOT_FOUND", "No such lead.", { leadId });
    const [latest, cards] = await Promise.all([
      repo.latestConversationOfLead(tx, actor.workspaceId, leadId),
      repo.leadCards(tx, actor.workspaceId, leadId),
    ]);
    return {
      conversationId: latest?.id ?? null,
      lead: { ...leadJson(lead), ...panelJson(lead), cards },
    };
  });
}

export async function markRead(db: Db, actor: Actor, id: string) {
  return asUserWithLiveEvents(db, actor, async (tx, live) => {
    const updated = await repo.markConversationRead(tx, actor.workspaceId, id);
    if (!updated) throw new AppError("RESOURCE_NOT_FOUND", "No such conversation.", { id });
    emitConversation(live, updated);
    return itemJson(await loadItem(tx, actor, id), await memberEmails(tx, actor.workspaceId));
  });
}

export interface ConversationPatch {
  status?: ConversationStatus;
  assigneeId?: string | null;
}

/** Status and assignee; the assignee must be a member of the workspace (else 422 on `assigneeId`). */
export async function updateConversation(db: Db, actor: Actor, id: string, patch: ConversationPatch) {
  const { item, from } = await asUserWithLiveEvents(db, actor, async (tx, live) => {
    const before = await loadItem(tx, actor, id);
    const emails = await memberEmails(tx, actor.workspaceId);
    if (patch.assigneeId && !emails.has(patch.assigneeId))
      throw new AppError("VALIDATION_FAILED", "The request body is not valid.", {
        location: "json",
        fields: { assigneeId: ["Not a member of this workspace."] },
      });
    const updated = await repo.updateConversation(tx, actor.workspaceId, id, patch);
    if (!updated) throw new AppError("RESOURCE_NOT_FOUND", "No such conversation.", { id });
    emitConversation(live, updated);
    return { item: itemJson(await loadItem(tx, actor, id), emails), from: before.assigneeId };
  });
  // The audit log is written by the service role (members may not write it), after the change committed.
  if (patch.assigneeId !== undefined && patch.assigneeId !== from)
    await asService(db, (tx) =>
      recordAudit(tx, {
        ...auditedBy(actor),
        event: "conversation.assigned",
        subject: id,
        details: { from, to: patch.assigneeId, leadId: item.leadId },
      }),
    );
  return item;
}

/** Failed outbound messages, newest failure first, with the lead's name (the UI offers Retry). */
export async function listFailedMessages(db: Db, actor: Actor, limit: number, cursor?: string) {
  const before = cursor ? decodeExactCursor(cursor) : undefined;
  const rows = await asUser(db, actor.claims, (tx) => failedMessages(tx, actor.workspaceId, limit + 1, before));
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    messages: page.map((r) => ({ ...messageJson(r), leadName: r.leadName })),
    nextCursor: rows.length > limit && last ? encodeExactCursor({ at: last.key, id: last.id }) : null,
  };
}

/** The Failed tab's badge: failures nobody retried yet, counted up to `cap`. */
export function countFailed(db: Db, actor: Actor, cap = 100) {
  return asUser(db, actor.claims, (tx) => countFailedMessages(tx, actor.workspaceId, cap));
}
