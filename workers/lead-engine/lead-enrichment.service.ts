// The enrichment waterfall: each configured source that can look a person up is asked in priority order;
// a field is filled by the first source that knows it and never overwrites a value the lead already has.
// Runs in the `enrichment` queue consumer (job "lead.enrich"), on the service path scoped by workspace.
import { z } from "zod";
import type { Db } from "../db/client";
import { asService, asUser } from "../db/tenant";
import { AppError } from "../lib/app-error";
import { createJob } from "../queues/job";
import type { Actor } from "../services/actor";
import { isUniqueViolation, leadChanges } from "../services/leads.service";
import { emitLeadUpdated } from "../messaging/messaging-live";
import { asServiceWithLiveEvents } from "../realtime/live-events";
import type { Logger } from "../lib/logger";
import * as leadsRepo from "../repos/leads.repo";
import type { NewLead } from "../repos/leads.repo";
import type { JobContext } from "../queues/job";
import { cachedCall } from "../sources/source-cache";
import { ALL_SOURCES } from "../sources/registry";
import { runOptions, runSource } from "../sources/source-runner";
import { LookupPending } from "../sources/source";
import type { Candidate } from "./candidate";
import { SOURCE_PRIORITY } from "./candidate-merge";
import { timezoneFor } from "./geo";
import { fillMissing, identityOf } from "../services/lead-identity";

export const ENRICH_JOB = "lead.enrich";
/** `round` counts the times a provider answered "queued, ask later" (Clearbit's 202) for this lead. */
export const EnrichPayloadSchema = z.object({
  leadId: z.uuid(),
  workspaceId: z.uuid(),
  round: z.number().int().min(0).max(100).optional(),
});
/** How often a lead waits for a queued provider lookup before the waterfall finishes with what it has. */
const MAX_PENDING_ROUNDS = 5;
const DEFAULT_PENDING_RETRY_SECONDS = 60;

const FIELDS = [
  "jobTitle",
  "seniority",
  "email",
  "phone",
  "linkedinUrl",
  "companyName",
  "companyDomain",
  "industry",
  "companySize",
  "annualRevenue",
  "city",
  "region",
  "country",
] as const;

export async function enrichLead(db: Db, env: Env, log: Logger, workspaceId: string, leadId: string, round = 0) {
  const lead = await asService(db, (tx) => leadsRepo.findLead(tx, workspaceId, leadId));
  if (!lead) return { status: "gone" as const };
  const refs = lead.sourceRefs as Record<string, string>;
  const keys = {
    fullName: lead.fullName,
    email: lead.email,
    linkedinUrl: lead.linkedinUrl,
    companyDomain: lead.companyDomain,
    companyName: lead.companyName,
    sourceRefs: refs,
  };
  const sources = ALL_SOURCES.filter(
    (s) =>
      s.lookup &&
      s.configured(env) &&
      (s.name !== "sample" ||
        refs.sample ||
        lead.sources.includes("sample") ||
        !ALL_SOURCES.some((o) => o.name !== "sample" && o.lookup && o.configured(env))),
  ).sort((a, b) => SOURCE_PRIORITY[b.name] - SOURCE_PRIORITY[a.name]);
  const patch: Partial<NewLead> = {};
  const provenance = { ...(lead.provenance as Record<string, string[]>) };
  const used: string[] = [];
  const pending: string[] = [];
  for (const source of sources) {
    let found: Partial<Candidate> | null = null;
    const ctx = { env, db, actor: { workspaceId } as never, log, cached: cachedCall(db, source.name, log) };
    const lookup = async (c: Parameters<NonNullable<typeof source.lookup>>[1]) => {
      try {
        found = await source.lookup!(keys, c);
      } catch (err) {
        if (!(err instanceof LookupPending)) throw err;
        pending.push(source.name);
      }
      return [];
    };
    const { result } = await runSource(source, lookup, ctx, runOptions(env));
    if (result.status !== "ok" || !found) continue;
    const hit = found as Partial<Candidate>;
    // Identity fields in the same normal form as every other path, so the unique indexes see comparable values.
    const id = identityOf({ ...hit, country: hit.country ?? patch.country ?? lead.country });
    const normalised = {
      ...hit,
      email: id.email,
      phone: id.phone,
      linkedinUrl: id.linkedinUrl,
      companyDomain: id.companyDomain,
    } as Partial<NewLead>;
    Object.assign(
      patch,
      fillMissing<NewLead>({ ...(lead as Partial<NewLead>), ...patch }, normalised, FIELDS, {
        record: provenance,
        source: source.name,
      }),
    );
    used.push(source.name);
  }
  if (!lead.timezone) {
    const tz = timezoneFor({
      city: (patch.city ?? lead.city) as string | null,
      region: (patch.region ?? lead.region) as string | null,
      country: (patch.country ?? lead.country) as string | null,
    });
    if (tz) patch.timezone = tz;
  }
  // A provider still looking the lead up keeps it pending (no enrichedAt) and the waterfall runs again later.
  const waiting = pending.length > 0 && round < MAX_PENDING_ROUNDS;
  const finished = waiting ? {} : { enrichedAt: new Date() };
  // Members looking at the lead see what the waterfall filled in (`lead_updated` on the lead's topic).
  const save = (values: Partial<NewLead>, changed: string[]) =>
    asServiceWithLiveEvents(
      db,
      workspaceId,
      async (tx, live) => {
        const updated = await leadsRepo.updateLead(tx, workspaceId, leadId, values);
        const changes = updated ? leadChanges(updated, changed) : {};
        if (Object.keys(changes).length > 0) emitLeadUpdated(live, leadId, changes);
        return updated;
      },
      env,
    );
  const done = waiting ? [] : ["enrichedAt"];
  await save(
    { ...patch, provenance, ...finished, sources: [...new Set([...lead.sources, ...used])] },
    Object.keys(patch).length > 0 ? [...Object.keys(patch), "provenance", "sources", ...done] : done,
  ).catch((err: unknown) => {
    // A found e-mail or phone may belong to another lead of the workspace; keep the lead as it was.
    if (isUniqueViolation(err)) return save(finished, done);
    throw err;
  });
  if (waiting) {
    const delaySeconds = Number(env.ENRICHMENT_PENDING_RETRY_SECONDS) || DEFAULT_PENDING_RETRY_SECONDS;
    await env.ENRICHMENT_QUEUE.send(createJob(ENRICH_JOB, { leadId, workspaceId, round: round + 1 }, { workspaceId }), {
      delaySeconds,
    });
    log.info("lead enrichment pending", { leadId, pending, round, delaySeconds });
    return { status: "pending" as const, filled: Object.keys(patch), sources: used, pending };
  }
  log.info("lead enriched", { leadId, filled: Object.keys(patch), sources: used });
  return { status: "enriched" as const, filled: Object.keys(patch), sources: used };
}

export async function handleEnrichJob(payload: unknown, ctx: JobContext) {
  const { leadId, workspaceId, round } = EnrichPayloadSchema.parse(payload);
  await enrichLead(ctx.db.db, ctx.env, ctx.log, workspaceId, leadId, round);
}

/** Queues the waterfall for one lead of the caller's workspace; answers at once (202). */
export async function requestEnrichment(db: Db, env: Env, actor: Actor, leadId: string) {
  const lead = await asUser(db, actor.claims, (tx) => leadsRepo.findLead(tx, actor.workspaceId, leadId));
  if (!lead) throw new AppError("RESOURCE_NOT_FOUND", "No such lead.", { id: leadId });
  const job = createJob(ENRICH_JOB, { leadId, workspaceId: actor.workspaceId }, { workspaceId: actor.workspaceId });
  await env.ENRICHMENT_QUEUE.send(job);
  return { job: { id: job.id, type: job.type, status: "queued" as const }, leadId };
}
