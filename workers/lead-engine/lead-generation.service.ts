// From a description to ranked, explained, stored leads. Sources run in parallel; after each one finishes
// the pool is merged and re-ranked and the new top is announced (SSE), ids are fixed up front (existing
// lead or a fresh uuid) so a streamed lead keeps its id, and only the final top is written.
import type { Db } from "../db/client";
import { asUser } from "../db/tenant";
import type { Logger } from "../lib/logger";
import * as requestsRepo from "../repos/lead-requests.repo";
import * as leadsRepo from "../repos/leads.repo";
import type { Actor } from "../services/actor";
import { identityOf, isSamePerson } from "../services/lead-identity";
import { cachedCall } from "../sources/source-cache";
import { runOptions, runSource } from "../sources/source-runner";
import type { SourceResult } from "../sources/source-runner";
import { sourcesFor } from "../sources/registry";
import type { Candidate } from "./candidate";
import { identityKeys, sourceRefs } from "./candidate-merge";
import type { Icp, SourceName } from "./icp.schema";
import type { IcpFilters } from "./icp-parser.service";
import { applyIcpFilters, parseIcpRules } from "./icp-parser.service";
import { llmConfigured, offReport, refineIcp, rescoreTop } from "./llm.service";
import type { LlmReport } from "./llm.service";
import { mergeAndRank, rankCandidates, toLeadView } from "./ranking";
import type { LeadView, RankedCandidate } from "./ranking";
import { persistResults } from "./lead-results.service";

export interface LeadRequestInput {
  description: string;
  filters?: IcpFilters;
  limit?: number;
  sources?: SourceName[];
}

export interface GenerationEvents {
  icp?(icp: Icp): void;
  source?(event: {
    name: SourceName;
    phase: "start" | "finish";
    status?: SourceResult["status"];
    count?: number;
    error?: string;
  }): void;
  lead?(lead: LeadView & { id: string; rank: number; requestId: string }): void;
}

export interface GenerationDeps {
  db: Db;
  env: Env;
  actor: Actor;
  log: Logger;
}

export async function generateLeads(deps: GenerationDeps, input: LeadRequestInput, events: GenerationEvents = {}) {
  const { db, actor } = deps;
  const limit = input.limit ?? 25;
  const started = Date.now();
  const llm = offReport();
  // The workspace's own list labels are vocabulary: "trucking companies" finds "Trucking, Truck Leasing".
  // … and so are its towns ("Coral Gables"), which the gazetteer may not know.
  const vocabulary = await asUser(db, actor.claims, async (tx) => ({
    industryLabels: await leadsRepo.industryLabels(tx, actor.workspaceId),
    places: await leadsRepo.listPlaces(tx, actor.workspaceId),
    titles: await leadsRepo.listTitles(tx, actor.workspaceId),
  }));
  const rules = parseIcpRules(input.description, input.filters, vocabulary);
  // Filters are applied again after the model so explicit choices still win.
  const icp = llmConfigured(deps.env)
    ? applyIcpFilters(await refineIcp(deps.env, db, deps.log, input.description, rules, llm), input.filters ?? {})
    : rules;
  const request = await asUser(db, actor.claims, (tx) =>
    requestsRepo.insertLeadRequest(tx, {
      workspaceId: actor.workspaceId,
      userId: actor.userId,
      createdBy: actor.userId,
      descriptionText: input.description,
      filters: input.filters ?? {},
      status: "queued",
      icp,
      requestedSources: input.sources ?? [],
      resultLimit: limit,
      llm,
    }),
  );
  await asUser(db, actor.claims, (tx) =>
    requestsRepo.updateLeadRequest(tx, actor.workspaceId, request.id, { status: "running", startedAt: new Date() }),
  );
  events.icp?.(icp);
  try {
    const { results, top } = await collect(deps, icp, limit, input.sources, request.id, events, llm);
    const failedAll = results.length > 0 && results.every((r) => r.status !== "ok");
    const saved = await persistResults(deps, request.id, icp, top, {
      status: failedAll ? "failed" : "completed",
      error: failedAll ? "Every source failed; see sources for the reasons." : null,
      sourceResults: results,
      llm,
      finishedAt: new Date(),
      durationMs: Date.now() - started,
    });
    return saved;
  } catch (err) {
    await asUser(db, actor.claims, (tx) =>
      requestsRepo.updateLeadRequest(tx, actor.workspaceId, request.id, {
        status: "failed",
        error: "Lead generation failed unexpectedly.",
        finishedAt: new Date(),
        durationMs: Date.now() - started,
      }),
    ).catch(() => {});
    throw err;
  }
}

async function collect(
  deps: GenerationDeps,
  icp: Icp,
  limit: number,
  requested: SourceName[] | undefined,
  requestId: string,
  events: GenerationEvents,
  llm: LlmReport,
) {
  const { sources, results } = sourcesFor(deps.env, requested);
  // Sources that cannot run (not configured, enrichment-only) are reported up front, like finished ones.
  for (const r of results)
    events.source?.({
      name: r.name,
      phase: "finish",
      status: r.status,
      count: 0,
      ...(r.error ? { error: r.error } : {}),
    });
  const pool: Candidate[] = [];
  const ids = new Map<string, string>();
  const announced = new Map<string, number>();
  let top: { id: string; ranked: RankedCandidate }[] = [];

  // Rounds run one after another even when sources finish together, so ranks never interleave.
  const announce = (ranked: RankedCandidate[], always = false) => {
    top = ranked.map((r) => ({ id: ids.get(identityKeys(r.candidate)[0]!)!, ranked: r }));
    top.forEach(({ id, ranked: r }, i) => {
      if (!always && announced.get(id) === i + 1) return;
      announced.set(id, i + 1);
      events.lead?.({ ...toLeadView(icp, r), id, rank: i + 1, requestId });
    });
  };
  let round = Promise.resolve();
  const rerank = () =>
    (round = round.then(async () => {
      const ranked = mergeAndRank(icp, pool).slice(0, limit);
      await assignIds(deps, ranked, ids);
      announce(ranked);
    }));

  await Promise.all(
    sources.map(async (source) => {
      events.source?.({ name: source.name, phase: "start" });
      const ctx = {
        env: deps.env,
        db: deps.db,
        actor: deps.actor,
        log: deps.log,
        cached: cachedCall(deps.db, source.name, deps.log),
      };
      const { result, candidates } = await runSource(
        source,
        async (c) => {
          const found = await source.search!({ icp, limit }, c);
          if (!source.enrichTop) return found;
          // Paid lookups only for the best few of this source's own ranking.
          const best = rankCandidates(icp, found)
            .slice(0, limit)
            .map((r) => r.candidate);
          return source.enrichTop(best, c);
        },
        ctx,
        runOptions(deps.env),
      );
      results.push(result);
      pool.push(...candidates);
      events.source?.({
        name: source.name,
        phase: "finish",
        status: result.status,
        count: result.count,
        ...(result.error ? { error: result.error } : {}),
      });
      await rerank();
    }),
  );
  await round;
  if (llmConfigured(deps.env) && top.length > 0) {
    const before = top.map((t) => t.ranked);
    const rescored = await rescoreTop(deps.env, deps.db, deps.log, icp, before, llm);
    // New scores and reasons for every lead: announce them all again.
    if (rescored !== before) announce(rescored, true);
  }
  return { results, top };
}

/** Existing leads keep their id; new people get one now, so streamed and stored ids agree. */
async function assignIds(deps: GenerationDeps, ranked: RankedCandidate[], ids: Map<string, string>) {
  const unknown = ranked.filter((r) => !identityKeys(r.candidate).some((k) => ids.has(k)));
  const keys = unknown.map(({ candidate: c }) => identityOf(c));
  const existing = unknown.length
    ? await asUser(deps.db, deps.actor.claims, (tx) => leadsRepo.findByAnyIdentity(tx, deps.actor.workspaceId, keys))
    : [];
  for (const r of ranked) {
    const candidateKeys = identityKeys(r.candidate);
    const known = candidateKeys.map((k) => ids.get(k)).find(Boolean);
    const k = keys[unknown.indexOf(r)];
    const match = k ? existing.find((e) => isSamePerson(k, e)) : undefined;
    // A lead from the workspace's own lists is that very lead, whatever keys it has.
    const refs = sourceRefs(r.candidate);
    const id = known ?? refs.lists ?? refs.salesnav ?? match?.id ?? crypto.randomUUID();
    for (const key of candidateKeys) ids.set(key, id);
  }
}
