// What every source returns: one person at one company, in our vocabulary, with where each fact came from.
import type { LeadChannel, Need, Seniority, SourceName } from "./icp.schema";

export interface ContactHandle {
  channel: LeadChannel | "email" | "phone";
  handle: string;
  source: SourceName;
}

/** Observable facts about a company that say what it may need (no ads running, weak SEO, no CRM …). */
export const SIGNALS = {
  no_ads: { need: "paid_ads", tag: "Needs Paid Ads", reason: "not running paid ads" },
  weak_seo: { need: "seo", tag: "Ideal for SEO", reason: "weak organic search presence" },
  no_crm: { need: "crm", tag: "No CRM", reason: "no CRM in its stack" },
  leaky_funnel: { need: "funnel", tag: "Funnel Gaps", reason: "low-converting landing pages" },
  hiring_sales: { need: "outreach", tag: "Hiring Sales", reason: "hiring sales people" },
  old_website: { need: "web_design", tag: "Outdated Website", reason: "website not redesigned in 5+ years" },
  low_social: { need: "social_media", tag: "Low Social Presence", reason: "small, inactive social accounts" },
  no_newsletter: { need: "email_marketing", tag: "No Email Marketing", reason: "no newsletter or lifecycle e-mails" },
  thin_content: { need: "content", tag: "Thin Content", reason: "little or no blog content" },
  manual_workflows: { need: "automation", tag: "Manual Workflows", reason: "manual lead handling" },
  no_tracking: { need: "analytics", tag: "No Tracking", reason: "no analytics or conversion tracking" },
  dated_brand: { need: "branding", tag: "Dated Brand", reason: "inconsistent, dated branding" },
  fast_growth: { need: null, tag: "Fast-growing", reason: "headcount growing fast" },
  recently_funded: { need: null, tag: "Recently Funded", reason: "raised funding in the last year" },
} as const satisfies Record<string, { need: Need | null; tag: string; reason: string }>;
export type Signal = keyof typeof SIGNALS;

export interface Candidate {
  source: SourceName;
  /** The provider's id for this person (Apollo person id, sample contact id …). */
  sourceId: string;
  fetchedAt: string;
  fullName: string | null;
  firstName: string | null;
  jobTitle: string | null;
  seniority: Seniority | null;
  email: string | null;
  phone: string | null;
  linkedinUrl: string | null;
  companyName: string | null;
  companyDomain: string | null;
  industry: string | null;
  /** The workspace list's own label for the industry (imported leads only). */
  industryLabel?: string | null;
  companySize: number | null;
  annualRevenue: number | null;
  city: string | null;
  region: string | null;
  country: string | null;
  timezone: string | null;
  channels: ContactHandle[];
  signals: Signal[];
  /** Field → sources that supplied it, first = the value kept. */
  provenance: Record<string, SourceName[]>;
  /** Each contributing source's id for this person, once candidates are merged. */
  refs?: Partial<Record<SourceName, string>>;
  /** False until a paid enrichment call (e.g. Apollo people/match) filled the person's details. */
  enriched: boolean;
}

export function needsFromSignals(signals: readonly Signal[]): Need[] {
  return [...new Set(signals.flatMap((s) => (SIGNALS[s].need ? [SIGNALS[s].need] : [])))];
}
