// How and when to reach a lead: the main channel (the rep's preference when the lead has it, else what
// works for that role and region) and the next good slot in the lead's own time zone.
import type { Candidate } from "./candidate";
import { SIGNALS, needsFromSignals } from "./candidate";
import type { Icp, LeadChannel, Need, Seniority } from "./icp.schema";
import { channelLabel } from "./lead-scoring.service";
import { INDUSTRY_LABELS } from "./icp-vocabulary";
import { localParts, zonedToUtc } from "../lib/zoned-time";

/** Markets where business owners answer WhatsApp before e-mail or LinkedIn. */
const WHATSAPP_FIRST = new Set([
  "BR",
  "MX",
  "AR",
  "CO",
  "CL",
  "PE",
  "IN",
  "ID",
  "ES",
  "IT",
  "PT",
  "DE",
  "NL",
  "AE",
  "SA",
  "ZA",
  "NG",
  "KE",
  "SG",
  "TR",
]);
const CONSUMER_INDUSTRIES = new Set([
  "hospitality",
  "fitness",
  "beauty",
  "retail",
  "food_beverage",
  "fashion",
  "ecommerce",
  "travel",
  "home_services",
]);
const TOP = new Set<Seniority>(["owner", "founder", "c_suite", "partner"]);

export function chooseMainChannel(icp: Icp, c: Candidate): { channel: string; reason: string } {
  const has = new Set(c.channels.map((h) => h.channel));
  const [preferred] = icp.channels;
  if (preferred && has.has(preferred))
    return { channel: preferred, reason: `${channelLabel(preferred)} — the channel you prefer, and they are on it` };
  const fallback = preferred ? `Not on ${channelLabel(preferred)}; ` : "";
  const owner = c.seniority !== null && TOP.has(c.seniority);
  const small = (c.companySize ?? 0) < 200;
  const pick = (channel: LeadChannel, why: string) =>
    has.has(channel) ? { channel, reason: `${fallback}${channelLabel(channel)} — ${why}` } : null;
  return (
    (owner && small && c.country && WHATSAPP_FIRST.has(c.country)
      ? pick("whatsapp", `owners of smaller firms in ${c.country} answer WhatsApp first`)
      : null) ??
    (owner && small && c.industry && CONSUMER_INDUSTRIES.has(c.industry)
      ? pick("instagram", `${INDUSTRY_LABELS[c.industry] ?? c.industry} owners live on Instagram`)
      : null) ??
    (!owner || !small ? pick("linkedin", "the professional channel for this role and company size") : null) ??
    (owner && ["software", "artificial_intelligence", "fintech", "gaming"].includes(c.industry ?? "")
      ? pick("x", "tech founders are active on X")
      : null) ??
    (["linkedin", "whatsapp", "instagram", "facebook", "x"] as const)
      .map((ch) => pick(ch, "the best channel they have"))
      .find(Boolean) ??
    (c.email
      ? { channel: "email", reason: `${fallback}e-mail — no social channel known yet` }
      : { channel: "phone", reason: `${fallback}phone — no other channel known yet` })
  );
}

interface Window {
  days: string[];
  start: string;
  end: string;
}

const WINDOWS: { when: (c: Candidate) => boolean; window: Window }[] = [
  // Owners of shops, gyms and restaurants are free after the lunch rush, not at 8 a.m.
  {
    when: (c) => TOP.has(c.seniority!) && CONSUMER_INDUSTRIES.has(c.industry ?? "") && (c.companySize ?? 0) < 50,
    window: { days: ["Mon", "Tue", "Wed"], start: "14:30", end: "16:00" },
  },
  // Executives read messages before the day fills up.
  { when: (c) => TOP.has(c.seniority!), window: { days: ["Tue", "Wed", "Thu"], start: "07:30", end: "08:30" } },
  {
    when: (c) => ["vp", "head", "director"].includes(c.seniority ?? ""),
    window: { days: ["Tue", "Wed", "Thu"], start: "08:00", end: "09:30" },
  },
  { when: () => true, window: { days: ["Tue", "Wed", "Thu"], start: "10:00", end: "11:30" } },
];

const DAY_NAMES = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export function bestContactTime(c: Candidate, timezone: string, now = Date.now()) {
  const { window } = WINDOWS.find((w) => w.when(c))!;
  const [sh, sm] = window.start.split(":").map(Number) as [number, number];
  const today = localParts(now, timezone);
  for (let offset = 0; offset < 8; offset++) {
    const noonUtc = Date.UTC(today.year, today.month - 1, today.day + offset, 12);
    const date = new Date(noonUtc);
    const weekday = DAY_NAMES[date.getUTCDay()]!;
    if (!window.days.includes(weekday)) continue;
    const slot = zonedToUtc(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), sh, sm, timezone);
    if (slot > now)
      return {
        localDays: window.days,
        localWindow: `${window.start}-${window.end}`,
        timezone,
        nextSlotUtc: new Date(slot).toISOString(),
      };
  }
  throw new Error("unreachable: every window has a day in the next week");
}

const SERVICES: Record<Need, string> = {
  paid_ads: "Paid ads management (Google & Meta)",
  seo: "SEO audit and content plan",
  funnel: "Landing page & funnel optimisation",
  crm: "CRM setup and pipeline automation",
  outreach: "Outbound lead generation",
  web_design: "Website redesign",
  social_media: "Social media management",
  email_marketing: "Email marketing & newsletters",
  content: "Content marketing",
  automation: "Marketing automation",
  analytics: "Analytics & conversion tracking",
  branding: "Brand identity refresh",
};

export function tagsAndServices(icp: Icp, c: Candidate): { tags: string[]; suggestedServices: string[] } {
  const companyNeeds = needsFromSignals(c.signals);
  // The needs the rep sells first, then anything else the company shows.
  const needs = [
    ...icp.needs.filter((n) => companyNeeds.includes(n)),
    ...companyNeeds.filter((n) => !icp.needs.includes(n)),
  ];
  const ordered = [...c.signals].sort(
    (a, b) => needs.indexOf(SIGNALS[a].need as Need) - needs.indexOf(SIGNALS[b].need as Need),
  );
  const tags: string[] = [...new Set(ordered.map((s) => SIGNALS[s].tag))].slice(0, 4);
  const size = c.companySize;
  if (size !== null) tags.push(size <= 50 ? "Small Business" : size <= 1000 ? "Mid-market" : "Enterprise");
  const services = (needs.length ? needs : icp.needs.length ? icp.needs : (["outreach"] as Need[]))
    .slice(0, 3)
    .map((n) => SERVICES[n]);
  return { tags, suggestedServices: services };
}
