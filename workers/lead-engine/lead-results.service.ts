// Writes a finished request: every lead of the final top (new, or merged into the workspace's existing
// lead), the ranked links, and the request's status, in one transaction.
import { asUser } from "../db/tenant";
import type { Tx } from "../db/tenant";
import * as requestsRepo from "../repos/lead-requests.repo";
import type { NewLeadRequest } from "../repos/lead-requests.repo";
import * as leadsRepo from "../repos/leads.repo";
import type { Actor } from "../services/actor";
import { identityOf } from "../services/lead-identity";
import { leadJson, mergeIntoLead, toRow, upsertLead } from "../services/leads.service";
import { sourceRefs } from "./candidate-merge";
import type { Channel, LeadJson } from "../services/leads.service";
import type { GenerationDeps } from "./lead-generation.service";
import type { Icp } from "./icp.schema";
import { toLeadView } from "./ranking";
import type { RankedCandidate } from "./ranking";
import type { SourceResult } from "../sources/source-runner";

export async function persistResults(
  deps: GenerationDeps,
  requestId: string,
  icp: Icp,
  top: { id: string; ranked: RankedCandidate }[],
  finish: Partial<NewLeadRequest>,
) {
  const { db, actor } = deps;
  return asUser(db, actor.claims, async (tx) => {
    const stored: { lead: LeadJson; rank: number }[] = [];
    for (const [i, { id, ranked }] of top.entries()) {
      const lead = await saveGenerated(tx, actor, id, icp, ranked, requestId);
      stored.push({ lead, rank: i + 1 });
    }
    // Two results can turn out to be one stored lead (merged on a key only the database knew).
    const unique = stored.filter((s, i) => stored.findIndex((o) => o.lead.id === s.lead.id) === i);
    await requestsRepo.insertResults(
      tx,
      unique.map((s, i) => ({
        requestId,
        leadId: s.lead.id,
        workspaceId: actor.workspaceId,
        rank: i + 1,
        score: s.lead.score ?? 0,
      })),
    );
    const request = await requestsRepo.updateLeadRequest(tx, actor.workspaceId, requestId, finish);
    return { request: requestJson(request!), leads: unique.map((s, i) => ({ ...s.lead, rank: i + 1 })) };
  });
}

async function saveGenerated(
  tx: Tx,
  actor: Actor,
  id: string,
  icp: Icp,
  ranked: RankedCandidate,
  requestId: string,
): Promise<LeadJson> {
  const view = toLeadView(icp, ranked);
  const c = ranked.candidate;
  const row = toRow(
    {
      fullName: view.fullName,
      companyName: view.companyName ?? undefined,
      companyDomain: view.companyDomain ?? undefined,
      jobTitle: view.jobTitle ?? undefined,
      seniority: view.seniority ?? undefined,
      industry: view.industry ?? undefined,
      companySize: view.companySize ?? undefined,
      annualRevenue: view.annualRevenue ?? undefined,
      email: view.email ?? undefined,
      location: {
        city: view.location.city ?? undefined,
        region: view.location.region ?? undefined,
        country: view.location.country ?? undefined,
      },
      timezone: view.timezone,
      contactChannels: view.contactChannels.map((h) => ({ channel: h.channel as Channel, handle: h.handle })),
      mainChannel: view.mainChannel as Channel,
      tags: view.tags,
      source: c.source,
    },
    actor,
  );
  // Provider data is trusted as found: an unparseable phone or URL is dropped, not an error for the user.
  const identity = identityOf(c);
  row.phone = identity.phone;
  row.linkedinUrl = identity.linkedinUrl;
  row.contactChannels = view.contactChannels;
  const known = await leadsRepo.findLead(tx, actor.workspaceId, id);
  const lead = known
    ? await mergeIntoLead(tx, actor, { ...known, nameKey: row.nameKey }, row)
    : (await upsertLead(tx, actor, { ...row, id })).lead;
  // A known lead's sources, refs and signals are as read above (the merge only fills fields); a new one is re-read
  // because a concurrent save may have merged it into another lead.
  const existing = known ?? (await leadsRepo.findLead(tx, actor.workspaceId, lead.id))!;
  const updated = await leadsRepo.updateLead(tx, actor.workspaceId, lead.id, {
    score: view.score,
    scoreBreakdown: view.scoreBreakdown,
    scoreReasons: view.scoreReasons,
    bestContactTime: view.bestContactTime,
    mainChannel: view.mainChannel,
    mainChannelReason: view.mainChannelReason,
    suggestedServices: view.suggestedServices,
    tags: [...new Set([...view.tags, ...existing.tags])],
    sources: [...new Set([...existing.sources, ...view.sources])],
    sourceRefs: { ...(existing.sourceRefs as Record<string, string>), ...sourceRefs(c) },
    provenance: { ...(existing.provenance as object), ...c.provenance },
    signals: [...new Set([...existing.signals, ...c.signals])],
    lastRequestId: requestId,
  });
  return leadJson(updated!);
}

export function requestJson(r: requestsRepo.LeadRequestRecord) {
  return {
    id: r.id,
    status: r.status,
    description: r.description,
    filters: r.filters,
    icp: r.icp,
    limit: r.resultLimit,
    sources: r.sourceResults as SourceResult[],
    llm: r.llm,
    error: r.error,
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    durationMs: r.durationMs,
    createdAt: r.createdAt.toISOString(),
  };
}
