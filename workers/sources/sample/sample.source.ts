// The built-in sample source: the committed, fictional dataset (scripts/generate-sample-data.ts). It is the
// default when no provider is configured, and every lead it yields is labelled "sample".
import type { Candidate, ContactHandle } from "../../lead-engine/candidate";
import type { LeadSource } from "../source";
import data from "./sample-data.json";
import type { SampleData } from "./sample-data.types";

const FETCHED_AT = "2026-11-26T00:00:00.000Z";
let candidates: Candidate[] | undefined;

function build(): Candidate[] {
  const dataset = data as SampleData;
  const companies = new Map(dataset.companies.map((c) => [c.id, c]));
  return dataset.contacts.map((p) => {
    const company = companies.get(p.companyId)!;
    const handles: ContactHandle[] = [];
    const add = (channel: ContactHandle["channel"], handle: string | undefined) =>
      handle && handles.push({ channel, handle, source: "sample" });
    add("linkedin", p.linkedin);
    add("whatsapp", p.whatsapp);
    add("instagram", p.instagram);
    add("facebook", p.facebook);
    add("x", p.x);
    add("email", p.email);
    add("phone", p.phone);
    const fields = [
      "fullName",
      "jobTitle",
      "email",
      "companyName",
      "companyDomain",
      "industry",
      "companySize",
      "annualRevenue",
      "city",
      "country",
    ];
    return {
      source: "sample",
      sourceId: p.id,
      fetchedAt: FETCHED_AT,
      fullName: `${p.firstName} ${p.lastName}`,
      firstName: p.firstName,
      jobTitle: p.title,
      seniority: p.seniority,
      email: p.email,
      phone: p.phone ?? null,
      linkedinUrl: p.linkedin ? `https://www.${p.linkedin}` : null,
      companyName: company.name,
      companyDomain: company.domain,
      industry: company.industry,
      companySize: company.size,
      annualRevenue: company.revenue,
      city: company.city,
      region: company.region,
      country: company.country,
      timezone: company.timezone,
      channels: handles,
      signals: company.signals,
      provenance: Object.fromEntries(fields.map((f) => [f, ["sample"]])),
      enriched: true,
    } satisfies Candidate;
  });
}

export function sampleCandidates(): Candidate[] {
  candidates ??= build();
  return candidates;
}

export const sampleSource: LeadSource = {
  name: "sample",
  configured: () => true,
  // Shared objects: the engine never mutates a candidate (merging builds new ones).
  search: async () => sampleCandidates(),
  lookup: async (keys) => {
    const match = sampleCandidates().find(
      (c) => (keys.email && c.email === keys.email) || keys.sourceRefs.sample === c.sourceId,
    );
    return match ?? null;
  },
};
