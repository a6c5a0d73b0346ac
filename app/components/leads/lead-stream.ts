// Browser side of lead generation: POST /api/lead-requests as server-sent events, parsed from the fetch
// stream (EventSource cannot POST) by eventsource-parser, handed to the page event by event.
import { createParser } from "eventsource-parser";
export interface StreamLead {
  id: string;
  rank: number;
  fullName: string;
  companyName: string | null;
  jobTitle: string | null;
  location: { city: string | null; region: string | null; country: string | null };
  timezone: string;
  mainChannel: string;
  mainChannelReason?: string | null;
  bestContactTime: { localDays: string[]; localWindow: string; timezone: string; nextSlotUtc: string } | null;
  tags: string[];
  suggestedServices: string[];
  score: number | null;
  scoreBreakdown: Record<string, number>;
  scoreReasons: string[];
  sources: string[];
  contactChannels: { channel: string; handle: string }[];
}

export interface SourceEvent {
  name: string;
  phase: "start" | "finish";
  status?: "ok" | "failed" | "skipped";
  count?: number;
  error?: string;
}

export interface Icp {
  roles: string[];
  industries: string[];
  excludeIndustries: string[];
  locations: { name: string; kind: string }[];
  companySize: { min?: number; max?: number } | null;
  annualRevenue: { min?: number; max?: number } | null;
  channels: string[];
  needs: string[];
  /** False when nothing in the description was understood; `ignored` lists the words that were not. */
  understood?: boolean;
  ignored?: string[];
  /** Where the optional AI read the description differently; our reading was kept. */
  contradictions?: { field: string; rules: string; model: string }[];
}

export interface StreamHandlers {
  icp(icp: Icp): void;
  source(event: SourceEvent): void;
  /** Every lead event of one network read, in order — one render per batch, not per lead. */
  leads(batch: StreamLead[]): void;
  done(ids: string[], request: { id: string; sources: SourceEvent[] }): void;
  /** `retryable`: the same request may well succeed later (network, 429, 5xx); not for invalid input. */
  error(message: string, retryable: boolean): void;
}

export async function generate(body: object, on: StreamHandlers, signal: AbortSignal) {
  const res = await fetch("/api/lead-requests", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify(body),
    signal,
  }).catch(() => undefined);
  if (!res) return on.error("The server could not be reached. Check your connection.", true);
  if (!res.ok || !res.body) {
    const payload = (await res.json().catch(() => null)) as {
      error?: { message?: string; details?: { fields?: Record<string, string[]> } };
    } | null;
    const field = Object.values(payload?.error?.details?.fields ?? {})[0]?.[0];
    return on.error(
      field ?? payload?.error?.message ?? `Generating failed (HTTP ${res.status}).`,
      res.status === 429 || res.status >= 500,
    );
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const batch: StreamLead[] = [];
  const flush = () => {
    if (batch.length > 0) on.leads(batch.splice(0));
  };
  const parser = createParser({
    onEvent({ event, data: text }) {
      const data = JSON.parse(text || "null");
      if (event === "lead") return void batch.push(data.lead);
      flush();
      if (event === "icp") on.icp(data.icp);
      else if (event === "source") on.source(data);
      else if (event === "done") on.done(data.ids, data.request);
      else if (event === "error") on.error(data.error?.message ?? "Generating failed.", true);
    },
  });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.feed(value);
    flush();
  }
}

/** Rebuilds a description from the profile's chips, so removing one regenerates without it. */
export function describeIcp(icp: Icp): string {
  const parts: string[] = [];
  parts.push(icp.roles.length ? icp.roles.join(" and ") : "Decision makers");
  if (icp.industries.length) parts.push(`at ${icp.industries.map(industryLabel).join(" and ")} companies`);
  if (icp.locations.length) parts.push(`in ${icp.locations.map((l) => l.name).join(" and ")}`);
  if (icp.companySize) parts.push(`with ${rangeText(icp.companySize, false)} employees`);
  if (icp.annualRevenue) parts.push(`with ${rangeText(icp.annualRevenue, true)} revenue`);
  if (icp.excludeIndustries.length) parts.push(`, not ${icp.excludeIndustries.map(industryLabel).join(" or ")}`);
  if (icp.needs.length) parts.push(`who need ${icp.needs.map(needLabel).join(" and ")}`);
  if (icp.channels.length) parts.push(`, reachable on ${icp.channels.map(channelLabel).join(" or ")}`);
  return parts.join(" ").replace(/ ,/g, ",");
}

export const rangeText = (r: { min?: number; max?: number }, money: boolean) => {
  const f = (n: number) => `${money ? "$" : ""}${new Intl.NumberFormat("en", { notation: "compact" }).format(n)}`;
  if (r.min !== undefined && r.max !== undefined) return `${f(r.min)}-${f(r.max)}`;
  return r.min !== undefined ? `over ${f(r.min)}` : `under ${f(r.max!)}`;
};
export const industryLabel = (v: string) =>
  v
    .replace(/_/g, " ")
    .replace(/\b\w/g, (c) => c.toUpperCase())
    .replace("Marketing Agency", "Marketing agencies");
export const needLabel = (v: string) =>
  ({
    paid_ads: "paid ads",
    seo: "SEO",
    crm: "a CRM",
    web_design: "web design",
    social_media: "social media",
    email_marketing: "email marketing",
  })[v] ?? v.replace(/_/g, " ");
export const channelLabel = (v: string) =>
  ({
    whatsapp: "WhatsApp",
    linkedin: "LinkedIn",
    instagram: "Instagram",
    facebook: "Facebook",
    x: "X",
    email: "Email",
    phone: "Phone",
  })[v] ?? v;
