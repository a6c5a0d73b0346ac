// The workspace's own leads (added by hand or imported) as a source, so generation can rank what the
// team already has next to what providers find. Leads that generation itself stored are not re-offered.
// Sales Navigator has no open search API: its lists arrive as CSV imports (source "salesnav") and are
// offered by their own source of that name.
import { and, eq, inArray, isNull, notInArray, or } from "drizzle-orm";
import { leads } from "../db/schema";
import { asUser } from "../db/tenant";
import type { Candidate } from "../lead-engine/candidate";
import type { Seniority } from "../lead-engine/icp.schema";
import type { LeadSource, SourceContext, SourceQuery } from "./source";

const GENERATED = ["sample", "apollo", "clearbit", "crunchbase"];
const SALESNAV = "salesnav";
const MAX_ROWS = 5_000;

export const listsSource: LeadSource = {
  name: "lists",
  configured: () => true,
  search: (query, ctx) => workspaceLeads(query, ctx, "lists"),
};

export const salesnavSource: LeadSource = {
  name: "salesnav",
  configured: () => true,
  search: (query, ctx) => workspaceLeads(query, ctx, "salesnav"),
};

async function workspaceLeads(
  { icp }: SourceQuery,
  ctx: SourceContext,
  as: "lists" | "salesnav",
): Promise<Candidate[]> {
  const countries = [...new Set(icp.locations.flatMap((l) => l.countries))];
  const rows = await asUser(ctx.db, ctx.actor.claims, (tx) =>
    tx
      .select({
        id: leads.id,
        fullName: leads.fullName,
        jobTitle: leads.jobTitle,
        seniority: leads.seniority,
        email: leads.email,
        phone: leads.phone,
        linkedinUrl: leads.linkedinUrl,
        companyName: leads.companyName,
        companyDomain: leads.companyDomain,
        industry: leads.industry,
        industryLabel: leads.industryLabel,
        companySize: leads.companySize,
        annualRevenue: leads.annualRevenue,
        city: leads.city,
        region: leads.region,
        country: leads.country,
        timezone: leads.timezone,
        contactChannels: leads.contactChannels,
        signals: leads.signals,
        updatedAt: leads.updatedAt,
      })
      .from(leads)
      .where(
        and(
          eq(leads.workspaceId, ctx.actor.workspaceId),
          as === "salesnav"
            ? eq(leads.source, SALESNAV)
            : or(isNull(leads.source), notInArray(leads.source, [...GENERATED, SALESNAV])),
          countries.length ? or(isNull(leads.country), inArray(leads.country, countries)) : undefined,
        ),
      )
      .limit(MAX_ROWS),
  );
  return rows.map(
    (r): Candidate => ({
      source: as,
      sourceId: r.id,
      fetchedAt: r.updatedAt.toISOString(),
      fullName: r.fullName,
      firstName: r.fullName.split(" ")[0] ?? null,
      jobTitle: r.jobTitle,
      seniority: (r.seniority as Seniority | null) ?? null,
      email: r.email,
      phone: r.phone,
      linkedinUrl: r.linkedinUrl,
      companyName: r.companyName,
      companyDomain: r.companyDomain,
      industry: r.industry,
      industryLabel: r.industryLabel,
      companySize: r.companySize,
      annualRevenue: r.annualRevenue,
      city: r.city,
      region: r.region,
      country: r.country,
      timezone: r.timezone,
      channels: (r.contactChannels as { channel: Candidate["channels"][number]["channel"]; handle: string }[]).map(
        (h) => ({ channel: h.channel, handle: h.handle, source: as }),
      ),
      signals: r.signals as Candidate["signals"],
      provenance: {},
      enriched: true,
    }),
  );
}
