// The leads database's list query: filters (all case-insensitive) and keyset paging in any of the sort orders
// the table offers. Each order has an index of the same shape (migration 20261207010000), so a page walks
// an index from the cursor instead of sorting the workspace's leads.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { crmPipelines, leadLists, leads, pipelines } from "../db/schema";
import type { Queryable } from "../db/tenant";
import { exactTime } from "../lib/exact-cursor";
import { leadColumns } from "./leads.repo";

export const LEAD_SORTS = ["created", "name", "company", "score"] as const;
export type LeadSortBy = (typeof LEAD_SORTS)[number];
export interface LeadSort {
  by: LeadSortBy;
  dir: "asc" | "desc";
}
/** A row's place in the order: the sort key as text (exact for timestamps) and its id. */
export interface LeadKey {
  value: string;
  id: string;
}

export interface LeadFilters {
  q?: string;
  country?: string;
  industry?: string;
  source?: string;
  minScore?: number;
  maxScore?: number;
  requestId?: string;
  listId?: string;
  /** A pipeline stage, or "none" for leads on no board. */
  stage?: string;
  tag?: string;
  /** Leads with a way to reach them on this channel. */
  channel?: string;
  suppressed?: boolean;
  ids?: string[];
}

// The sort expressions exactly as the indexes spell them; nulls sort as the lowest value.
const SORT_KEY: Record<LeadSortBy, { expr: SQL; text: SQL; cast: SQL }> = {
  created: { expr: sql`${leads.createdAt}`, text: exactTime(leads.createdAt), cast: sql`timestamptz` },
  name: { expr: sql`lower(${leads.fullName})`, text: sql`lower(${leads.fullName})`, cast: sql`text` },
  company: {
    expr: sql`lower(coalesce(${leads.companyName}, ''))`,
    text: sql`lower(coalesce(${leads.companyName}, ''))`,
    cast: sql`text`,
  },
  score: { expr: sql`coalesce(${leads.score}, -1)`, text: sql`coalesce(${leads.score}, -1)::text`, cast: sql`int` },
};

const escapeLike = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`);

function channelFilter(channel: string): SQL {
  const handle = sql`${leads.contactChannels} @> ${JSON.stringify([{ channel }])}::jsonb`;
  if (channel === "email") return sql`(${leads.email} is not null or ${handle})`;
  if (channel === "phone" || channel === "whatsapp") return sql`(${leads.phone} is not null or ${handle})`;
  if (channel === "linkedin") return sql`(${leads.linkedinUrl} is not null or ${handle})`;
  return handle;
}

function filterConditions(workspaceId: string, f: LeadFilters): (SQL | undefined)[] {
  const like = f.q ? `%${escapeLike(f.q)}%` : undefined;
  const onBoard = (stage?: string) =>
    sql`exists (select 1 from crm_pipelines c where c.lead_id = ${leads.id}${stage ? sql` and lower(c.stage) = ${stage.toLowerCase()}` : sql``})`;
  const suppressed = sql`exists (select 1 from suppressions s where s.workspace_id = ${leads.workspaceId}
    and (s.lead_id = ${leads.id} or (s.identity_kind = 'email' and s.identity_value = lower(${leads.email}))
      or (s.identity_kind = 'phone' and s.identity_value = ${leads.phone})))`;
  return [
    eq(leads.workspaceId, workspaceId),
    like
      ? sql`(${leads.fullName} ilike ${like} or ${leads.companyName} ilike ${like} or ${leads.jobTitle} ilike ${like}
          or ${leads.email} ilike ${like} or ${leads.companyDomain} ilike ${like})`
      : undefined,
    // Countries are stored upper-case (toRow); comparing the bare column keeps the planner's statistics.
    f.country ? eq(leads.country, f.country.toUpperCase()) : undefined,
    // Matched as the index spells it (lower(industry)), whose statistics tell the planner how common it is.
    f.industry ? sql`lower(${leads.industry}) = ${f.industry.toLowerCase()}` : undefined,
    f.source
      ? sql`(${f.source.toLowerCase()} = any(${leads.sources}) or lower(${leads.source}) = ${f.source.toLowerCase()})`
      : undefined,
    // A lead nobody scored (added by hand, imported) counts as 0: `minScore=0` means "every lead".
    f.minScore !== undefined ? sql`coalesce(${leads.score}, 0) >= ${f.minScore}` : undefined,
    f.maxScore !== undefined ? sql`coalesce(${leads.score}, 0) <= ${f.maxScore}` : undefined,
    f.requestId ? eq(leads.lastRequestId, f.requestId) : undefined,
    f.listId
      ? sql`exists (select 1 from lead_list_members m where m.lead_id = ${leads.id} and m.list_id = ${f.listId})`
      : undefined,
    f.stage === "none" ? sql`not ${onBoard()}` : f.stage ? onBoard(f.stage) : undefined,
    f.tag ? sql`exists (select 1 from unnest(${leads.tags}) t where lower(t) = ${f.tag.toLowerCase()})` : undefined,
    f.channel ? channelFilter(f.channel) : undefined,
    f.suppressed === true ? suppressed : f.suppressed === false ? sql`not ${suppressed}` : undefined,
    f.ids?.length ? inArray(leads.id, f.ids) : undefined,
  ];
}

/** One page in `sort` order after `after` (exclusive); each row carries its `sortKey` for the next cursor. */
export function listLeadPage(
  db: Queryable,
  workspaceId: string,
  filters: LeadFilters,
  limit: number,
  after?: LeadKey,
  sort: LeadSort = { by: "created", dir: "desc" },
) {
  const key = SORT_KEY[sort.by];
  const desc = sort.dir === "desc";
  const keyset = after
    ? desc
      ? sql`(${key.expr}, ${leads.id}) < (${after.value}::${key.cast}, ${after.id}::uuid)`
      : sql`(${key.expr}, ${leads.id}) > (${after.value}::${key.cast}, ${after.id}::uuid)`
    : undefined;
  return db
    .select({ ...leadColumns, sortKey: key.text.mapWith(String) })
    .from(leads)
    .where(and(...filterConditions(workspaceId, filters), keyset))
    .orderBy(desc ? sql`${key.expr} desc` : sql`${key.expr} asc`, desc ? sql`${leads.id} desc` : sql`${leads.id} asc`)
    .limit(limit);
}

/** The boards each of these leads is on (pipeline name and stage), for the table's Stage column. */
export function stagesOf(db: Queryable, workspaceId: string, leadIds: string[]) {
  if (leadIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      leadId: crmPipelines.leadId,
      cardId: crmPipelines.id,
      pipelineId: crmPipelines.pipelineId,
      pipelineName: pipelines.name,
      stage: crmPipelines.stage,
      status: crmPipelines.status,
    })
    .from(crmPipelines)
    .innerJoin(pipelines, eq(pipelines.id, crmPipelines.pipelineId))
    .where(and(eq(crmPipelines.workspaceId, workspaceId), inArray(crmPipelines.leadId, leadIds)))
    .orderBy(pipelines.name);
}

/** Deletes these leads of the workspace (their cards, notes, conversations go with them by cascade). */
export function deleteLeads(db: Queryable, workspaceId: string, ids: string[]) {
  return db
    .delete(leads)
    .where(and(eq(leads.workspaceId, workspaceId), inArray(leads.id, ids)))
    .returning({ id: leads.id, fullName: leads.fullName, email: leads.email });
}

/** Adds (or removes) one tag on these leads; a tag already there in another case is not added twice. */
export function retagLeads(db: Queryable, workspaceId: string, ids: string[], tag: string, add: boolean) {
  const lowered = tag.toLowerCase();
  return db
    .update(leads)
    .set({
      tags: add
        ? sql`case when exists (select 1 from unnest(${leads.tags}) t where lower(t) = ${lowered}) then ${leads.tags}
            else array_append(${leads.tags}, ${tag}) end`
        : sql`array(select t from unnest(${leads.tags}) t where lower(t) <> ${lowered})`,
    })
    .where(and(eq(leads.workspaceId, workspaceId), inArray(leads.id, ids)))
    .returning({ id: leads.id });
}

/** The workspace's lists (imports), by name, for the table's List filter. */
export function leadListNames(db: Queryable, workspaceId: string) {
  return db
    .select({ id: leadLists.id, name: leadLists.name })
    .from(leadLists)
    .where(eq(leadLists.workspaceId, workspaceId))
    .orderBy(leadLists.name)
    .limit(500);
}
