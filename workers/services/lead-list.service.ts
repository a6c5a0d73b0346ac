// The leads database: the filtered, sorted, keyset-paged table; bulk tag/untag/delete; and a lead's activity
// (boards with stage history and notes, conversations) for the lead page.
import type { Db } from "../db/client";
import { asService, asUser } from "../db/tenant";
import { AppError } from "../lib/app-error";
import { isExactTime, isUuid } from "../lib/exact-cursor";
import { findConversationsOfLead, leadCards } from "../repos/conversations.repo";
import { deleteLeads, leadListNames, listLeadPage, retagLeads, stagesOf } from "../repos/lead-list.repo";
import type { LeadFilters, LeadKey, LeadSort } from "../repos/lead-list.repo";
import { findLead } from "../repos/leads.repo";
import { listEvents, listNotes } from "../repos/pipelines.repo";
import type { Actor } from "./actor";
import { auditedBy, recordAudit } from "./audit.service";
import { leadJson } from "./leads.service";

const KEY_SHAPE: Record<LeadSort["by"], (value: string) => boolean> = {
  created: isExactTime,
  score: (v) => /^-?\d{1,4}$/.test(v),
  name: (v) => v.length <= 400,
  company: (v) => v.length <= 400,
};

export function encodeLeadCursor(sort: LeadSort, key: LeadKey): string {
  const bytes = new TextEncoder().encode(JSON.stringify([sort.by, sort.dir, key.value, key.id]));
  return btoa(String.fromCharCode(...bytes))
    .replace(/=+$/, "")
    .replace(/\+/g, "-")
    .replace(/\//g, "_");
}

/** A cursor is only valid for the order it was written in; anything else is a 422 on `cursor`. */
export function decodeLeadCursor(cursor: string, sort: LeadSort): LeadKey {
  try {
    const binary = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
    const parsed: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    if (!Array.isArray(parsed) || parsed.length !== 4) throw new Error("shape");
    const [by, dir, value, id] = parsed as unknown[];
    if (by !== sort.by || dir !== sort.dir) throw new Error("other order");
    if (typeof value !== "string" || !KEY_SHAPE[sort.by](value)) throw new Error("value");
    if (!isUuid(id)) throw new Error("id");
    return { value, id };
  } catch {
    throw new AppError("VALIDATION_FAILED", "The request query is not valid.", {
      location: "query",
      fields: { cursor: ["Not a cursor this API returned for this sort order."] },
    });
  }
}

export async function listLeads(
  db: Db,
  actor: Actor,
  filters: LeadFilters,
  limit: number,
  cursor?: string,
  sort: LeadSort = { by: "created", dir: "desc" },
) {
  const after = cursor ? decodeLeadCursor(cursor, sort) : undefined;
  return asUser(db, actor.claims, async (tx) => {
    const rows = await listLeadPage(tx, actor.workspaceId, filters, limit + 1, after, sort);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const stages = await stagesOf(
      tx,
      actor.workspaceId,
      page.map((r) => r.id),
    );
    const boards: Record<string, { cardId: string; pipelineId: string; pipelineName: string; stage: string }[]> = {};
    for (const { leadId, cardId, pipelineId, pipelineName, stage } of stages)
      (boards[leadId] ??= []).push({ cardId, pipelineId, pipelineName, stage });
    return {
      leads: page.map((row) => ({ ...leadJson(row), boards: boards[row.id] ?? [] })),
      nextCursor: rows.length > limit && last ? encodeLeadCursor(sort, { value: last.sortKey, id: last.id }) : null,
    };
  });
}

export type BulkTag = { action: "tag" | "untag"; ids: string[]; tag: string };

/** Tags or untags many leads of the workspace; ids from elsewhere are ignored. */
export async function bulkTagLeads(db: Db, actor: Actor, input: BulkTag): Promise<{ affected: number }> {
  const ids = [...new Set(input.ids)];
  const rows = await asUser(db, actor.claims, (tx) =>
    retagLeads(tx, actor.workspaceId, ids, input.tag.trim(), input.action === "tag"),
  );
  return { affected: rows.length };
}

/**
 * Deletes many leads of the workspace (ids from elsewhere are ignored). Owners and admins only — checked here
 * too, not just by the route — and audited with each lead's name and e-mail, since nothing else remains.
 */
export async function bulkDeleteLeads(db: Db, actor: Actor, input: string[]): Promise<{ affected: number }> {
  if (actor.apiKeyId || actor.workspaceRole === "member")
    throw new AppError("FORBIDDEN", "Only the workspace's owners and admins can delete leads in bulk.");
  const ids = [...new Set(input)];
  const deleted = await asUser(db, actor.claims, (tx) => deleteLeads(tx, actor.workspaceId, ids));
  if (deleted.length)
    await asService(db, (tx) =>
      recordAudit(tx, {
        event: "lead.deleted",
        ...auditedBy(actor),
        details: { leads: deleted.map((d) => ({ id: d.id, fullName: d.fullName, email: d.email })) },
      }),
    );
  return { affected: deleted.length };
}

/** The lead with its boards (stage history, notes) and conversations, for the lead page. */
export async function leadActivity(db: Db, actor: Actor, id: string) {
  return asUser(db, actor.claims, async (tx) => {
    const lead = await findLead(tx, actor.workspaceId, id);
    if (!lead) throw new AppError("RESOURCE_NOT_FOUND", "No such lead.", { id });
    const cards = await leadCards(tx, actor.workspaceId, id);
    const boards = [];
    for (const card of cards) {
      const [events, notes] = [
        await listEvents(tx, actor.workspaceId, card.id),
        await listNotes(tx, actor.workspaceId, card.id),
      ];
      boards.push({
        ...card,
        events: events.map(({ createdAt, actorId: _a, ...e }) => ({ ...e, createdAt: createdAt.toISOString() })),
        notes: notes.map(({ createdAt, authorId: _a, ...n }) => ({ ...n, createdAt: createdAt.toISOString() })),
      });
    }
    const conversations = (await findConversationsOfLead(tx, actor.workspaceId, id)).map((c) => ({
      id: c.id,
      channel: c.channel,
      status: c.status,
      unreadCount: c.unreadCount,
      lastMessageAt: c.lastMessageAt?.toISOString() ?? null,
      lastMessagePreview: c.lastMessagePreview,
    }));
    return { lead: leadJson(lead), boards, conversations };
  });
}

export function listLeadLists(db: Db, actor: Actor) {
  return asUser(db, actor.claims, (tx) => leadListNames(tx, actor.workspaceId));
}
