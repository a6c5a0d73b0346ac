// Reading past lead requests: history pages and one request with its ranked leads.
import type { Db } from "../db/client";
import { asUser } from "../db/tenant";
import { AppError } from "../lib/app-error";
import * as requestsRepo from "../repos/lead-requests.repo";
import * as leadsRepo from "../repos/leads.repo";
import type { Actor } from "../services/actor";
import { leadJson } from "../services/leads.service";
import { decodeCursor, encodeCursor } from "../lib/cursor";
import { requestJson } from "./lead-results.service";

export async function listLeadRequests(db: Db, actor: Actor, limit: number, cursor?: string) {
  const after = cursor ? decodeCursor(cursor) : undefined;
  const rows = await asUser(db, actor.claims, (tx) =>
    requestsRepo.listLeadRequests(tx, actor.workspaceId, limit + 1, after),
  );
  const page = rows.slice(0, limit);
  return {
    requests: page.map(requestJson),
    nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null,
  };
}

export async function getLeadRequest(db: Db, actor: Actor, id: string) {
  return asUser(db, actor.claims, async (tx) => {
    const request = await requestsRepo.findLeadRequest(tx, actor.workspaceId, id);
    if (!request) throw new AppError("RESOURCE_NOT_FOUND", "No such lead request.", { id });
    const ranks = await requestsRepo.resultLeadIds(tx, actor.workspaceId, id);
    const rows = await leadsRepo.findLeadsByIds(
      tx,
      actor.workspaceId,
      ranks.map((r) => r.leadId),
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const leads = ranks.flatMap((r) => {
      const row = byId.get(r.leadId);
      return row ? [{ ...leadJson(row), rank: r.rank }] : [];
    });
    return { request: requestJson(request), leads };
  });
}
