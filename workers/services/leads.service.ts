import type { Db } from "../db/client";
import { asUser } from "../db/tenant";
import type { Tx } from "../db/tenant";
import { AppError } from "../lib/app-error";
import { emitLeadUpdated } from "../messaging/messaging-live";
import { asUserWithLiveEvents } from "../realtime/live-events";
import * as repo from "../repos/leads.repo";
import type { IdentityKeys, NewLead } from "../repos/leads.repo";
import type { Actor } from "./actor";
import { withCheckedHandles } from "./contact-handles";
import {
  companyKey,
  fillMissing,
  nameKey,
  normalizeDomain,
  normalizeEmail,
  normalizeLinkedinUrl,
  normalizePhone,
} from "./lead-identity";

export const CHANNELS = ["whatsapp", "linkedin", "instagram", "facebook", "x", "email", "phone"] as const;
export type Channel = (typeof CHANNELS)[number];

export interface LeadInput {
  fullName: string;
  companyName?: string;
  companyDomain?: string;
  jobTitle?: string;
  seniority?: string;
  industry?: string;
  /** The list's own words for the industry, kept as written (imports). */
  industryLabel?: string;
  companySize?: number;
  annualRevenue?: number;
  email?: string;
  phone?: string;
  linkedinUrl?: string;
  location?: { city?: string; region?: string; country?: string };
  timezone?: string;
  contactChannels?: { channel: Channel; handle: string }[];
  mainChannel?: Channel;
  tags?: string[];
  notes?: string;
  source?: string;
}

export type LeadJson = ReturnType<typeof leadJson>;

export function leadJson(row: NonNullable<repo.LeadRecord>) {
  return {
    id: row.id,
    fullName: row.fullName,
    companyName: row.companyName,
    companyDomain: row.companyDomain,
    jobTitle: row.jobTitle,
    seniority: row.seniority,
    industry: row.industry,
    companySize: row.companySize,
    annualRevenue: row.annualRevenue,
    location: { city: row.city, region: row.region, country: row.country },
    timezone: row.timezone,
    email: row.email,
    phone: row.phone,
    linkedinUrl: row.linkedinUrl,
    contactChannels: row.contactChannels as { channel: Channel; handle: string; source?: string }[],
    mainChannel: row.mainChannel,
    bestContactTime: row.bestContactTime,
    tags: row.tags,
    suggestedServices: row.suggestedServices,
    score: row.score,
    scoreBreakdown: (row.scoreBreakdown ?? {}) as Record<string, number>,
    scoreReasons: row.scoreReasons,
    mainChannelReason: row.mainChannelReason,
    sources: row.sources.length ? row.sources : row.source ? [row.source] : [],
    requestId: row.lastRequestId,
    provenance: row.provenance as Record<string, string[]>,
    enrichedAt: row.enrichedAt?.toISOString() ?? null,
    notes: row.notes,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const LOCATION_FIELDS = new Set(["city", "region", "country", "location"]);

/**
 * `lead_updated`'s `changes`: the named fields (row or input names) as the API shows them, e.g.
 * `["city", "email"]` → `{location: {…}, email: "…"}`. Internal columns (name key, source refs) are left out.
 */
export function leadChanges(row: NonNullable<repo.LeadRecord>, fields: readonly string[]): Record<string, unknown> {
  const json = leadJson(row) as Record<string, unknown>;
  const changes: Record<string, unknown> = {};
  for (const field of fields) {
    const key = LOCATION_FIELDS.has(field) ? "location" : field;
    if (Object.hasOwn(json, key)) changes[key] = json[key];
  }
  return changes;
}

export function toRow(input: LeadInput, actor: Actor): NewLead & IdentityKeys {
  const country = input.location?.country?.toUpperCase() ?? null;
  const phone = input.phone ? normalizePhone(input.phone, country) : null;
  if (input.phone && !phone) throw fieldError("phone", "Not a valid phone number (add the country code, e.g. +49 …).");
  const linkedinUrl = input.linkedinUrl ? normalizeLinkedinUrl(input.linkedinUrl) : null;
  if (input.linkedinUrl && !linkedinUrl)
    throw fieldError("linkedinUrl", "Not a LinkedIn profile or Sales Navigator URL.");
  const source = input.source ?? "manual";
  const channels = (input.contactChannels ?? []).map((c) => ({ channel: c.channel, handle: c.handle.trim(), source }));
  return {
    workspaceId: actor.workspaceId,
    userId: actor.userId,
    createdBy: actor.userId,
    fullName: input.fullName.trim(),
    nameKey: nameKey(input.fullName),
    companyName: input.companyName?.trim() || null,
    companyDomain: normalizeDomain(input.companyDomain) ?? null,
    jobTitle: input.jobTitle?.trim() || null,
    seniority: input.seniority ?? null,
    industry: input.industry ?? null,
    industryLabel: input.industryLabel ?? null,
    companySize: input.companySize ?? null,
    annualRevenue: input.annualRevenue ?? null,
    email: normalizeEmail(input.email),
    phone,
    linkedinUrl,
    city: input.location?.city ?? null,
    region: input.location?.region ?? null,
    country,
    location: [input.location?.city, input.location?.region, country].filter(Boolean).join(", ") || null,
    timezone: input.timezone ?? null,
    contactChannels: dedupeChannels(channels),
    mainChannel: input.mainChannel ?? channels[0]?.channel ?? null,
    tags: [...new Set(input.tags ?? [])],
    notes: input.notes?.trim() || null,
    source,
    sources: [source],
  };
}

function fieldError(field: string, message: string) {
  return new AppError("VALIDATION_FAILED", "The request body is not valid.", {
    location: "json",
    fields: { [field]: [message] },
  });
}

function dedupeChannels<T extends { channel: string; handle: string }>(channels: T[]): T[] {
  const seen = new Set<string>();
  return channels.filter((c) => {
    const key = `${c.channel}:${c.handle.toLowerCase()}`;
    if (!c.handle || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const MERGED_FIELDS = [
  "companyName",
  "companyDomain",
  "jobTitle",
  "seniority",
  "industry",
  "industryLabel",
  "companySize",
  "annualRevenue",
  "email",
  "phone",
  "linkedinUrl",
  "city",
  "region",
  "country",
  "location",
  "timezone",
  "mainChannel",
  "notes",
] as const;

/** Fill what the existing lead lacks; never overwrite a value it already has ("keep the richer value"). */
export function mergeInto(
  existing: NonNullable<repo.LeadRecord> & { nameKey: string | null },
  incoming: NewLead & IdentityKeys,
): Partial<NewLead> {
  const patch: Partial<NewLead> = fillMissing<NewLead>(existing as Partial<NewLead>, incoming, MERGED_FIELDS);
  const channels = dedupeChannels([
    ...(existing.contactChannels as { channel: string; handle: string }[]),
    ...(incoming.contactChannels as { channel: string; handle: string }[]),
  ]);
  if (channels.length !== (existing.contactChannels as unknown[]).length) patch.contactChannels = channels;
  const tags = [...new Set([...existing.tags, ...(incoming.tags ?? [])])];
  if (tags.length !== existing.tags.length) patch.tags = tags;
  return patch;
}

/**
 * Creates a lead, or merges it into the workspace's existing lead for the same person (lead-identity.ts:
 * same e-mail, LinkedIn URL, phone, company domain + name; name at company for a lead with no such key).
 */
export async function saveLead(db: Db, actor: Actor, input: LeadInput) {
  const row = toRow(withCheckedHandles(input, input.location?.country), actor);
  return asUser(db, actor.claims, (tx) => upsertLead(tx, actor, row));
}

export async function upsertLead(
  tx: Tx,
  actor: Actor,
  row: NewLead & IdentityKeys,
  attempt = 1,
): Promise<{ lead: LeadJson; created: boolean }> {
  const [existing] = await repo.findByIdentity(tx, actor.workspaceId, {
    ...row,
    companyKey: companyKey(row.companyName),
  });
  if (!existing) {
    // Concurrent creators of the same person meet at the unique indexes; the loser retries as a merge.
    const created = await tx
      .transaction((sp) => repo.insertLead(sp, row))
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) return undefined;
        throw err;
      });
    if (created) return { lead: leadJson(created), created: true };
    if (attempt >= 3) throw new AppError("CONFLICT", "This lead is being saved by someone else right now. Try again.");
    return upsertLead(tx, actor, row, attempt + 1);
  }
  const patch = mergeInto(existing, row);
  // A filled-in key may belong to another lead already; then this lead keeps what it had.
  const merged =
    Object.keys(patch).length > 0
      ? await tx
          .transaction((sp) => repo.updateLead(sp, actor.workspaceId, existing.id, patch))
          .catch((err: unknown) => {
            if (isUniqueViolation(err)) return undefined;
            throw err;
          })
      : undefined;
  return { lead: leadJson(merged ?? existing), created: false };
}

/** Fills what a known lead lacks from a new sighting of the same person (used when its id is already known). */
export async function mergeIntoLead(
  tx: Tx,
  actor: Actor,
  existing: NonNullable<repo.LeadRecord> & { nameKey: string | null },
  row: NewLead & IdentityKeys,
): Promise<LeadJson> {
  const patch = mergeInto(existing, row);
  if (Object.keys(patch).length === 0) return leadJson(existing);
  const merged = await tx
    .transaction((sp) => repo.updateLead(sp, actor.workspaceId, existing.id, patch))
    .catch((err: unknown) => {
      if (isUniqueViolation(err)) return undefined;
      throw err;
    });
  return leadJson(merged ?? existing);
}

export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string; cause?: { code?: string } })?.cause?.code ?? (err as { code?: string })?.code;
  return code === "23505";
}

export async function getLead(db: Db, actor: Actor, id: string) {
  const lead = await asUser(db, actor.claims, (tx) => repo.findLead(tx, actor.workspaceId, id));
  if (!lead) throw new AppError("RESOURCE_NOT_FOUND", "No such lead.", { id });
  return leadJson(lead);
}

/** Edits a lead; identity fields are normalised like on create, and a key another lead owns is a 409. */
export async function updateLead(db: Db, actor: Actor, id: string, input: Partial<LeadInput>) {
  return asUserWithLiveEvents(db, actor, async (tx, live) => {
    const existing = await repo.findLead(tx, actor.workspaceId, id);
    if (!existing) throw new AppError("RESOURCE_NOT_FOUND", "No such lead.", { id });
    const checked = withCheckedHandles(input, input.location?.country ?? existing.country);
    const row = toRow(
      { ...checked, fullName: input.fullName ?? existing.fullName, source: existing.source ?? "manual" },
      actor,
    );
    const patch: Partial<NewLead> = {};
    const copy = <K extends keyof NewLead>(key: K, when: boolean) => when && (patch[key] = row[key]);
    copy("fullName", input.fullName !== undefined);
    copy("nameKey", input.fullName !== undefined);
    for (const key of [
      "companyName",
      "companyDomain",
      "jobTitle",
      "seniority",
      "industry",
      "companySize",
      "annualRevenue",
      "email",
      "phone",
      "linkedinUrl",
      "timezone",
      "mainChannel",
      "notes",
    ] as const)
      copy(key, input[key] !== undefined);
    if (input.location) for (const key of ["city", "region", "country", "location"] as const) copy(key, true);
    copy("contactChannels", input.contactChannels !== undefined);
    copy("tags", input.tags !== undefined);
    const updated = await tx
      .transaction((sp) => repo.updateLead(sp, actor.workspaceId, id, patch))
      .catch((err: unknown) => {
        if (isUniqueViolation(err))
          throw new AppError(
            "CONFLICT",
            "Another lead in this workspace already has this e-mail, phone, LinkedIn URL or name at this company.",
            { id },
          );
        throw err;
      });
    emitLeadUpdated(live, id, leadChanges(updated!, Object.keys(input)));
    return leadJson(updated!);
  });
}
