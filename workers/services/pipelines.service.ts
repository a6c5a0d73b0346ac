import type { Db } from "../db/client";
import { PIPELINE_STAGES } from "../db/schema";
import type { PipelineStage } from "../db/schema";
import { asService, asUser } from "../db/tenant";
import { AppError } from "../lib/app-error";
import { PIPELINES_TOPIC, asUserWithLiveEvents, boardTopic } from "../realtime/live-events";
import * as repo from "../repos/pipelines.repo";
import type { CardRow } from "../repos/pipelines.repo";
import type { Actor } from "./actor";
import { recordAudit, auditedBy } from "./audit.service";
import { isUniqueViolation } from "./leads.service";

export type CardJson = ReturnType<typeof cardJson>;

export function cardJson(row: CardRow, position: number) {
  return {
    id: row.id,
    pipelineId: row.pipelineId,
    leadId: row.leadId,
    stage: row.stage,
    position,
    rank: row.rank,
    status: row.status,
    notes: row.notes,
    /** Grows with every change to the card: clients keep the copy with the highest (see board-state.ts). */
    version: row.version,
    lead: row.lead,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function pipelineJson(row: { id: string; name: string; createdAt: Date; updatedAt: Date; cardCount?: number }) {
  return {
    id: row.id,
    name: row.name,
    cardCount: row.cardCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function requirePipeline(db: Parameters<typeof repo.findPipeline>[0], actor: Actor, id: string) {
  const pipeline = await repo.findPipeline(db, actor.workspaceId, id);
  if (!pipeline) throw new AppError("RESOURCE_NOT_FOUND", "No such pipeline.", { id });
  return pipeline;
}

export async function listPipelines(db: Db, actor: Actor) {
  const rows = await asUser(db, actor.claims, (tx) => repo.listPipelines(tx, actor.workspaceId));
  return rows.map(pipelineJson);
}

/**
 * Get-or-create by name: names are unique per workspace (case-insensitive), so two saves racing to "Outbound"
 * end in one pipeline. `created` tells the caller which happened.
 */
export async function createPipeline(db: Db, actor: Actor, name: string) {
  return asUserWithLiveEvents(db, actor, async (tx, live) => {
    const values = { workspaceId: actor.workspaceId, userId: actor.userId, createdBy: actor.userId, name: name.trim() };
    const inserted = await repo.insertPipeline(tx, values);
    if (inserted) {
      const pipeline = pipelineJson({ ...inserted, cardCount: 0 });
      live.emit(PIPELINES_TOPIC, "pipeline.created", { pipeline });
      return { pipeline, created: true };
    }
    const existing = await repo.findPipelineByName(tx, actor.workspaceId, name);
    if (!existing) throw new AppError("CONFLICT", "A pipeline with that name is being created; try again.", { name });
    return {
      pipeline: pipelineJson({ ...existing, cardCount: await repo.countCards(tx, existing.id) }),
      created: false,
    };
  });
}

export async function renamePipeline(db: Db, actor: Actor, id: string, name: string) {
  return asUserWithLiveEvents(db, actor, async (tx, live) => {
    const clash = await repo.findPipelineByName(tx, actor.workspaceId, name);
    if (clash && clash.id !== id)
      throw new AppError("CONFLICT", `There is already a pipeline called "${clash.name}".`, {
        name,
        pipelineId: clash.id,
      });
    const row = await repo.renamePipeline(tx, actor.workspaceId, id, name.trim()).catch((err: unknown) => {
      if (isUniqueViolation(err))
        throw new AppError("CONFLICT", "There is already a pipeline with that name.", { name });
      throw err;
    });
    if (!row) throw new AppError("RESOURCE_NOT_FOUND", "No such pipeline.", { id });
    const pipeline = pipelineJson(row);
    for (const topic of [PIPELINES_TOPIC, boardTopic(id)]) live.emit(topic, "pipeline.renamed", { pipeline });
    return pipeline;
  });
}

/**
 * Nothing is deleted silently: a pipeline with cards needs `force`, and taking the team's cards with it
 * needs an owner or admin. Every deletion is recorded in the audit log (members cannot write it: service role).
 */
export async function deletePipeline(db: Db, actor: Actor, id: string, force: boolean) {
  const { pipeline, cardCount } = await asUserWithLiveEvents(db, actor, async (tx, live) => {
    const pipeline = await requirePipeline(tx, actor, id);
    const cardCount = await repo.countCards(tx, id);
    if (cardCount > 0 && !force) {
      throw new AppError(
        "PIPELINE_NOT_EMPTY",
        `This pipeline still has ${cardCount} card(s). Delete with ?force=true to remove them too.`,
        { cardCount },
      );
    }
    if (cardCount > 0 && actor.workspaceRole === "member") {
      throw new AppError("FORBIDDEN", "Only owners and admins can delete a pipeline that has cards.", { cardCount });
    }
    await repo.deletePipeline(tx, actor.workspaceId, id);
    for (const topic of [PIPELINES_TOPIC, boardTopic(id)]) live.emit(topic, "pipeline.deleted", { pipelineId: id });
    return { pipeline, cardCount };
  });
  await asService(db, (tx) =>
    recordAudit(tx, {
      event: "pipeline.deleted",
      ...auditedBy(actor),
      subject: id,
      details: { name: pipeline.name, cardCount },
    }),
  );
}

export async function getBoard(db: Db, actor: Actor, id: string) {
  return asUser(db, actor.claims, async (tx) => {
    const pipeline = await requirePipeline(tx, actor, id);
    const cards = await repo.boardCards(tx, actor.workspaceId, id);
    const byStage = new Map<PipelineStage, CardRow[]>(PIPELINE_STAGES.map((s) => [s, []]));
    for (const card of cards) byStage.get(card.stage)!.push(card);
    return {
      pipeline: pipelineJson({ ...pipeline, cardCount: cards.length }),
      stages: PIPELINE_STAGES.map((stage) => ({ stage, cards: byStage.get(stage)!.map((c, i) => cardJson(c, i)) })),
    };
  });
}
