import { and, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { leads } from "../db/schema";
import type { Queryable } from "../db/tenant";
import { hasStrongKey } from "../services/lead-identity";

export const leadColumns = {
  id: leads.id,
  fullName: leads.fullName,
  companyName: leads.companyName,
  companyDomain: leads.companyDomain,
  jobTitle: leads.jobTitle,
  seniority: leads.seniority,
  industry: leads.industry,
  companySize: leads.companySize,
  annualRevenue: leads.annualRevenue,
  city: leads.city,
  region: leads.region,
  country: leads.country,
  location: leads.location,
  timezone: leads.timezone,
  email: leads.email,
  phone: leads.phone,
  linkedinUrl: leads.linkedinUrl,
  contactChannels: leads.contactChannels,
  mainChannel: leads.mainChannel,
  bestContactTime: leads.bestContactTime,
  tags: leads.tags,
  suggestedServices: leads.suggestedServices,
  score: leads.score,
  scoreBreakdown: leads.scoreBreakdown,
  scoreReasons: leads.scoreReasons,
  mainChannelReason: leads.mainChannelReason,
  source: leads.source,
  sources: leads.sources,
  sourceRefs: leads.sourceRefs,
  provenance: leads.provenance,
  signals: leads.signals,
  lastRequestId: leads.lastRequestId,
  enrichedAt: leads.enrichedAt,
  notes: leads.notes,
  createdAt: leads.createdAt,
  updatedAt: leads.updatedAt,
};

export type LeadRow = typeof leads.$inferSelect;
export type LeadRecord = Awaited<ReturnType<typeof findLead>> & {};
export type NewLead = typeof leads.$inferInsert;

export function findLead(db: Queryable, workspaceId: string, id: string) {
  return db
    .select(leadColumns)
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, id)))
    .then((rows) => rows[0]);
}

/** Identity in normal form (services/lead-identity.ts decides the rules; these queries only look them up). */
export interface IdentityKeys {
  email: string | null;
  phone: string | null;
  linkedinUrl: string | null;
  companyDomain: string | null;
  nameKey: string | null;
  /** Lower-cased company name: matched (with nameKey) only for a person with none of the keys above. */
  companyKey?: string | null;
}

const nameAtCompany = (k: IdentityKeys) => !hasStrongKey(k) && !!k.nameKey && !!k.companyKey;

/** Leads in the workspace that share any identity key; the strongest match (email) first. */
export function findByIdentity(db: Queryable, workspaceId: string, keys: IdentityKeys) {
  const matches: SQL[] = [];
  if (keys.email) matches.push(sql`lower(${leads.email}) = ${keys.email}`);
  if (keys.phone) matches.push(eq(leads.phone, keys.phone));
  if (keys.linkedinUrl) matches.push(eq(leads.linkedinUrl, keys.linkedinUrl));
  if (keys.companyDomain && keys.nameKey)
    matches.push(and(eq(leads.companyDomain, keys.companyDomain), eq(leads.nameKey, keys.nameKey))!);
  if (nameAtCompany(keys))
    matches.push(and(eq(leads.nameKey, keys.nameKey!), sql`lower(${leads.companyName}) = ${keys.companyKey}`)!);
  if (matches.length === 0) return Promise.resolve([]);
  return db
    .select({ ...leadColumns, nameKey: leads.nameKey })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), or(...matches)))
    .orderBy(sql`(lower(${leads.email}) is not distinct from ${keys.email}) desc`, leads.createdAt);
}

export function insertLead(db: Queryable, values: NewLead) {
  return db
    .insert(leads)
    .values(values)
    .returning(leadColumns)
    .then((rows) => rows[0]!);
}

export function updateLead(db: Queryable, workspaceId: string, id: string, values: Partial<NewLead>) {
  return db
    .update(leads)
    .set(values)
    .where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, id)))
    .returning(leadColumns)
    .then((rows) => rows[0]);
}

export function findLeadsByIds(db: Queryable, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select(leadColumns)
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), inArray(leads.id, ids)));
}

/** Existing leads matching any of several people at once: one query for a whole result page. */
export function findByAnyIdentity(db: Queryable, workspaceId: string, keys: IdentityKeys[]) {
  const emails = keys.flatMap((k) => (k.email ? [k.email] : []));
  const phones = keys.flatMap((k) => (k.phone ? [k.phone] : []));
  const linkedins = keys.flatMap((k) => (k.linkedinUrl ? [k.linkedinUrl] : []));
  const pairs = keys.filter((k) => k.companyDomain && k.nameKey);
  const matches: SQL[] = [];
  // One row-value comparison instead of hundreds of OR'ed pairs: the planner handles it in one pass.
  if (pairs.length) {
    const list = (values: string[]) =>
      sql`array[${sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )}]::text[]`;
    matches.push(
      sql`(${leads.companyDomain}, ${leads.nameKey}) in (select * from unnest(${list(pairs.map((p) => p.companyDomain!))}, ${list(pairs.map((p) => p.nameKey!))}))`,
    );
  }
  if (emails.length) matches.push(inArray(sql`lower(${leads.email})`, emails));
  if (phones.length) matches.push(inArray(leads.phone, phones));
  if (linkedins.length) matches.push(inArray(leads.linkedinUrl, linkedins));
  const named = keys.filter(nameAtCompany);
  if (named.length)
    matches.push(
      or(...named.map((k) => and(eq(leads.nameKey, k.nameKey!), sql`lower(${leads.companyName}) = ${k.companyKey}`)!))!,
    );
  if (matches.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: leads.id,
      email: leads.email,
      phone: leads.phone,
      linkedinUrl: leads.linkedinUrl,
      companyDomain: leads.companyDomain,
      nameKey: leads.nameKey,
      companyName: leads.companyName,
    })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), or(...matches)));
}

export function insertLeads(db: Queryable, values: NewLead[]) {
  if (values.length === 0) return Promise.resolve([]);
  return db.insert(leads).values(values).onConflictDoNothing().returning({ id: leads.id });
}

/** The workspace's lead reachable at `handle` on `channel` (its contact channels), oldest first. */
export function findLeadByChannelHandle(db: Queryable, workspaceId: string, channel: string, handle: string) {
  return db
    .select({ ...leadColumns, nameKey: leads.nameKey })
    .from(leads)
    .where(
      and(
        eq(leads.workspaceId, workspaceId),
        sql`exists (select 1 from jsonb_array_elements(${leads.contactChannels}) c
          where c->>'channel' = ${channel} and lower(btrim(c->>'handle')) = ${handle.trim().toLowerCase()})`,
      ),
    )
    .orderBy(leads.createdAt)
    .limit(1)
    .then((rows) => rows[0]);
}

/** One text column's distinct values in the workspace's leads, most common first. */
async function mostCommon(db: Queryable, workspaceId: string, column: PgColumn, limit: number): Promise<string[]> {
  const rows = await db
    .select({ value: column })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), isNotNull(column)))
    .groupBy(column)
    .orderBy(sql`count(*) desc`)
    .limit(limit);
  return rows.flatMap((r) => (typeof r.value === "string" ? [r.value] : []));
}

/** The industry labels of the workspace's own lists, most common first (vocabulary for lead requests). */
export function industryLabels(db: Queryable, workspaceId: string, limit = 2_000): Promise<string[]> {
  return mostCommon(db, workspaceId, leads.industryLabel, limit);
}

/** The workspace's job titles as its leads record them, most common first. */
export function listTitles(db: Queryable, workspaceId: string, limit = 2_000): Promise<string[]> {
  return mostCommon(db, workspaceId, leads.jobTitle, limit);
}

/** The workspace's towns (with their region and country) as its leads record them, most common first. */
export async function listPlaces(
  db: Queryable,
  workspaceId: string,
  limit = 2_000,
): Promise<{ city: string; region: string | null; country: string }[]> {
  const rows = await db
    .select({ city: leads.city, region: leads.region, country: leads.country })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), isNotNull(leads.city), isNotNull(leads.country)))
    .groupBy(leads.city, leads.region, leads.country)
    .orderBy(sql`count(*) desc`)
    .limit(limit);
  return rows.flatMap((r) => (r.city && r.country ? [{ city: r.city, region: r.region, country: r.country }] : []));
}
