import { generateKeyBetween } from "fractional-indexing";
import type { Db } from "../db/client";
import type { PipelineStage } from "../db/schema";
import { asUser } from "../db/tenant";
import type { Tx } from "../db/tenant";
import { AppError } from "../lib/app-error";
import { asUserWithLiveEvents, boardTopic } from "../realtime/live-events";
import type { LiveEventSink } from "../realtime/live-events";
import { emitLeadUpdated } from "../messaging/messaging-live";
import * as repo from "../repos/pipelines.repo";
import { findLead } from "../repos/leads.repo";
import { listMembers } from "../repos/members.repo";
import type { Actor } from "./actor";
import { cardJson, requirePipeline } from "./pipelines.service";

export interface CardPatch {
  stage?: PipelineStage;
  position?: { before?: string; after?: string };
  status?: "open" | "won" | "lost";
  notes?: string | null;
}

function invalid(field: string, message: string) {
  return new AppError("VALIDATION_FAILED", "The request body is not valid.", {
    location: "json",
    fields: { [field]: [message] },
  });
}

/** Where a card change happens: a member's actor, or just the workspace for background work. */
type Scope = Pick<Actor, "workspaceId">;

async function loadCard(tx: Tx, actor: Scope, id: string) {
  const card = await repo.findCard(tx, actor.workspaceId, id);
  if (!card) throw new AppError("RESOURCE_NOT_FOUND", "No such card.", { id });
  return card;
}

/** The card as the board shows it, with its index in its column. */
async function cardWithPosition(tx: Tx, actor: Scope, id: string) {
  const card = await loadCard(tx, actor, id);
  const column = await repo.columnRanks(tx, card.pipelineId, card.stage);
  return cardJson(
    card,
    column.findIndex((c) => c.id === id),
  );
}

export async function addCard(
  db: Db,
  actor: Actor,
  pipelineId: string,
  leadId: string,
  stage: PipelineStage = "To Contact",
) {
  return asUserWithLiveEvents(db, actor, async (tx, live) => {
    await requirePipeline(tx, actor, pipelineId);
    if (!(await findLead(tx, actor.workspaceId, leadId)))
      throw new AppError("RESOURCE_NOT_FOUND", "No such lead.", { leadId });
    await repo.lockBoard(tx, pipelineId);
    const existing = await repo.findCardByLead(tx, pipelineId, leadId);
    if (existing)
      throw new AppError("ALREADY_IN_PIPELINE", "This lead is already in the pipeline.", { cardId: existing.id });
    const column = await repo.columnRanks(tx, pipelineId, stage);
    const rank = generateKeyBetween(column.at(-1)?.rank ?? null, null);
    const card = await repo.insertCard(tx, {
      workspaceId: actor.workspaceId,
      userId: actor.userId,
      createdBy: actor.userId,
      pipelineId,
      leadId,
      stage,
      rank,
    });
    await repo.insertEvent(tx, {
      workspaceId: actor.workspaceId,
      cardId: card.id,
      actorId: actor.userId,
      type: "created",
      toStage: stage,
      toStatus: "open",
    });
    const added = await cardWithPosition(tx, actor, card.id);
    live.emit(boardTopic(pipelineId), "card.upserted", { card: added });
    return added;
  });
}

/** The rank for a card placed `before`/`after` a neighbour in `column`, or at the end when neither is given. */
function rankFor(column: { id: string; rank: string }[], position: CardPatch["position"]): string {
  const indexOf = (id: string, field: "before" | "after") => {
    const i = column.findIndex((c) => c.id === id);
    if (i < 0) throw invalid(`position.${field}`, "That card is not in the target column.");
    return i;
  };
  let lower: string | null = column.at(-1)?.rank ?? null;
  let upper: string | null = null;
  if (position?.after) {
    const i = indexOf(position.after, "after");
    [lower, upper] = [column[i]!.rank, column[i + 1]?.rank ?? null];
  }
  if (position?.before) {
    const i = indexOf(position.before, "before");
    if (!position.after) lower = column[i - 1]?.rank ?? null;
    upper = column[i]!.rank;
  }
  if (lower !== null && upper !== null && lower >= upper)
    throw invalid("position", "`after` must come directly before `before`.");
  return generateKeyBetween(lower, upper);
}

export async function updateCard(db: Db, actor: Actor, id: string, patch: CardPatch) {
  return asUserWithLiveEvents(db, actor, async (tx, live) => {
    const before = await loadCard(tx, actor, id);
    await repo.lockBoard(tx, before.pipelineId);
    const card = await loadCard(tx, actor, id); // re-read under the lock: another move may have landed
    const stage = patch.stage ?? card.stage;
    let status = patch.status ?? card.status;
    if (stage !== "Closed" && (patch.status === "won" || patch.status === "lost"))
      throw invalid("status", "Only cards in Closed can be won or lost.");
    if (stage !== "Closed") status = "open";

    const moving = patch.stage !== undefined && patch.stage !== card.stage;
    const values: Parameters<typeof repo.updateCard>[3] = { stage, status };
    if (moving || patch.position)
      values.rank = rankFor(await repo.columnRanks(tx, card.pipelineId, stage, id), patch.position);
    if (patch.notes !== undefined) values.notes = patch.notes;
    await repo.updateCard(tx, actor.workspaceId, id, values);

    const event = { workspaceId: actor.workspaceId, cardId: id, actorId: actor.userId };
    if (moving) await repo.insertEvent(tx, { ...event, type: "moved", fromStage: card.stage, toStage: stage });
    else if (patch.position)
      await repo.insertEvent(tx, { ...event, type: "reordered", fromStage: card.stage, toStage: stage });
    if (status !== card.status)
      await repo.insertEvent(tx, { ...event, type: "status_changed", fromStatus: card.status, toStatus: status });
    const updated = await cardWithPosition(tx, actor, id);
    live.emit(boardTopic(updated.pipelineId), "card.upserted", { card: updated });
    if (moving) emitLeadUpdated(live, updated.leadId, { stage, pipelineId: updated.pipelineId });
    return updated;
  });
}

/**
 * Moves the lead's cards that sit in one of `from` to `to` (end of the column) on every board, inside the
 * caller's live-event transaction: background work such as a first reply moving the card to "In Conversation".
 * Boards are locked in pipeline id order, so two movers of several boards cannot deadlock.
 */
export async function moveLeadCards(
  tx: Tx,
  live: LiveEventSink,
  workspaceId: string,
  leadId: string,
  move: { from: readonly PipelineStage[]; to: PipelineStage; actorId: string | null },
) {
  const moved = [];
  for (const { id, pipelineId, stage } of await repo.cardsOfLead(tx, workspaceId, leadId)) {
    if (!move.from.includes(stage)) continue;
    await repo.lockBoard(tx, pipelineId);
    const card = await repo.findCard(tx, workspaceId, id); // re-read under the lock: a member may have moved it
    if (!card || !move.from.includes(card.stage)) continue;
    const column = await repo.columnRanks(tx, pipelineId, move.to, id);
    const rank = generateKeyBetween(column.at(-1)?.rank ?? null, null);
    await repo.updateCard(tx, workspaceId, id, { stage: move.to, status: "open", rank });
    await repo.insertEvent(tx, {
      workspaceId,
      cardId: id,
      actorId: move.actorId,
      type: "moved",
      fromStage: card.stage,
      toStage: move.to,
    });
    const updated = await cardWithPosition(tx, { workspaceId }, id);
    live.emit(boardTopic(pipelineId), "card.upserted", { card: updated });
    emitLeadUpdated(live, leadId, { stage: move.to, pipelineId });
    moved.push(updated);
  }
  return moved;
}

export async function deleteCard(db: Db, actor: Actor, id: string) {
  return asUserWithLiveEvents(db, actor, async (tx, live) => {
    const [deleted] = await repo.deleteCard(tx, actor.workspaceId, id);
    if (!deleted) throw new AppError("RESOURCE_NOT_FOUND", "No such card.", { id });
    live.emit(boardTopic(deleted.pipelineId), "card.deleted", {
      cardId: deleted.id,
      pipelineId: deleted.pipelineId,
      version: deleted.version,
    });
    return deleted;
  });
}

async function emailsById(tx: Tx, actor: Actor): Promise<Map<string, string>> {
  return new Map((await listMembers(tx, actor.workspaceId)).map((m) => [m.userId, m.email]));
}

export async function addNote(db: Db, actor: Actor, cardId: string, body: string) {
  return asUser(db, actor.claims, async (tx) => {
    await loadCard(tx, actor, cardId);
    const note = await repo.insertNote(tx, { workspaceId: actor.workspaceId, cardId, authorId: actor.userId, body });
    const emails = await emailsById(tx, actor);
    return {
      id: note.id,
      body: note.body,
      author: { id: actor.userId, email: emails.get(actor.userId) ?? null },
      createdAt: note.createdAt.toISOString(),
    };
  });
}

export async function listNotes(db: Db, actor: Actor, cardId: string) {
  return asUser(db, actor.claims, async (tx) => {
    await loadCard(tx, actor, cardId);
    const [notes, emails] = await Promise.all([repo.listNotes(tx, actor.workspaceId, cardId), emailsById(tx, actor)]);
    return notes.map((n) => ({
      id: n.id,
      body: n.body,
      author: { id: n.authorId, email: n.authorId ? (emails.get(n.authorId) ?? null) : null },
      createdAt: n.createdAt.toISOString(),
    }));
  });
}

export async function listEvents(db: Db, actor: Actor, cardId: string) {
  return asUser(db, actor.claims, async (tx) => {
    await loadCard(tx, actor, cardId);
    const [events, emails] = await Promise.all([repo.listEvents(tx, actor.workspaceId, cardId), emailsById(tx, actor)]);
    return events.map(({ actorId, createdAt, ...e }) => ({
      ...e,
      actor: { id: actorId, email: actorId ? (emails.get(actorId) ?? null) : null },
      createdAt: createdAt.toISOString(),
    }));
  });
}
