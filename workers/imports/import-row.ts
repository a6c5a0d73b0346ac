// One CSV record → a lead input in our normal forms, or the reason it cannot be imported.
import { timezoneFor } from "../lead-engine/geo";
import { resolvePlace } from "../lead-engine/icp-locations";
import { toNumber } from "../lead-engine/icp-quantities";
import { findRoles } from "../lead-engine/icp-roles";
import { providerIndustry } from "../sources/provider-industries";
import { normalizeDomain, normalizeLinkedinUrl, normalizePhone } from "../services/lead-identity";
import type { Channel, LeadInput } from "../services/leads.service";
import type { ImportField, Mapping } from "./import-mapping";

export type RowResult = { ok: true; lead: LeadInput } | { ok: false; column: string | null; message: string };

/** "2,100,000" → 2100000, "$681,000,000,000" → 681000000000, "1.2M" → 1200000, "51-200" → 51. */
export function parseAmount(text: string | undefined): number | undefined {
  const m = /(\d+(?:[.,]\d+)*)\s*(k|m|mm|bn|b)?\b/i.exec((text ?? "").replace(/\s+/g, " "));
  if (!m) return undefined;
  const unit = m[2]?.toLowerCase();
  const n = toNumber(m[1]!, unit === "bn" ? "bn" : unit);
  return Number.isFinite(n) ? n : undefined;
}

/** "ADA LOVELACE" / "ada lovelace" → "Ada Lovelace"; names already mixed-case stay as written. */
export function tidyName(text: string): string {
  const name = text.replace(/\s+/g, " ").trim();
  if (name !== name.toUpperCase() && name !== name.toLowerCase()) return name;
  return name.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

const handle = (value: string) =>
  value
    .trim()
    .replace(/^https?:\/\/(www\.)?(instagram\.com|x\.com|twitter\.com)\//i, "@")
    .replace(/\/$/, "");

// Exports repeat the same countries, states and titles thousands of times: resolve each once.
const placeCache = new Map<string, ReturnType<typeof resolvePlace>>();
function cachedPlace(text: string) {
  if (!placeCache.has(text)) {
    if (placeCache.size > 5_000) placeCache.clear();
    placeCache.set(text, resolvePlace(text));
  }
  return placeCache.get(text)!;
}
const seniorityCache = new Map<string, string | undefined>();
function seniorityOf(title: string) {
  if (!seniorityCache.has(title)) {
    if (seniorityCache.size > 5_000) seniorityCache.clear();
    seniorityCache.set(title, findRoles(title)[0]?.seniorities[0]);
  }
  return seniorityCache.get(title);
}

function place(values: Partial<Record<ImportField, string>>) {
  let city = values.city?.trim() || undefined;
  let region = values.region?.trim() || undefined;
  let countryText = values.country?.trim() || undefined;
  if (values.location && !city && !countryText) {
    const parts = values.location
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean);
    if (parts.length >= 2) {
      countryText = parts[parts.length - 1];
      city = parts[0];
      if (parts.length >= 3) region = parts[1];
    } else if (parts[0]) {
      const p = cachedPlace(parts[0]);
      if (p?.kind === "city") city = p.city;
      else if (p?.kind === "region") region = p.name;
      else countryText = parts[0];
    }
  }
  let country = countryText ? cachedPlace(countryText)?.countries[0] : undefined;
  // "Texas" with no country column is the US state; the dataset knows the states.
  if (!country && region) {
    // "New York" in a state column reads as the city, which still says the country.
    const r = cachedPlace(region);
    if (r?.kind === "region" || r?.kind === "city") country = r.countries[0];
  }
  if (!country && countryText && /^[A-Za-z]{2}$/.test(countryText)) country = countryText.toUpperCase();
  return { city, region, country };
}

export function normalizeRow(record: Record<string, string>, mapping: Mapping, impliedTitle: string | null): RowResult {
  const values: Partial<Record<ImportField, string>> = {};
  const columnOf: Partial<Record<ImportField, string>> = {};
  for (const [header, field] of Object.entries(mapping)) {
    // Undo the apostrophe our export puts before cells that spreadsheets would run as formulas.
    const value = record[header]?.trim().replace(/^'(?=[=+\-@\t\r])/, "");
    if (field !== "ignore" && value) {
      values[field] = value;
      columnOf[field] = header;
    }
  }
  const fullName = values.fullName ?? [values.firstName, values.lastName].filter(Boolean).join(" ");
  if (!fullName.trim())
    return {
      ok: false,
      column: columnOf.fullName ?? null,
      message: "No name: a row needs a full name, or a first and last name.",
    };
  if (fullName.length > 200)
    return { ok: false, column: columnOf.fullName ?? null, message: "The name is longer than 200 characters." };
  const { city, region, country } = place(values);
  const email = values.email?.toLowerCase();
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    return { ok: false, column: columnOf.email!, message: `"${values.email}" is not an e-mail address.` };
  const phone = values.phone ? normalizePhone(values.phone, country) : null;
  if (values.phone && !phone)
    return {
      ok: false,
      column: columnOf.phone!,
      message: `"${values.phone}" is not a valid phone number${country ? "" : " (add the country code)"}.`,
    };
  const linkedin = values.linkedinUrl ? normalizeLinkedinUrl(values.linkedinUrl) : null;
  if (values.linkedinUrl && !linkedin)
    return {
      ok: false,
      column: columnOf.linkedinUrl!,
      message: `"${values.linkedinUrl}" is not a LinkedIn or Sales Navigator URL.`,
    };
  const jobTitle = values.jobTitle ?? impliedTitle ?? undefined;
  const channels: { channel: Channel; handle: string }[] = [];
  if (linkedin) channels.push({ channel: "linkedin", handle: linkedin });
  const whatsapp = values.whatsapp ? normalizePhone(values.whatsapp, country) : null;
  if (whatsapp) channels.push({ channel: "whatsapp", handle: whatsapp });
  if (values.instagram) channels.push({ channel: "instagram", handle: handle(values.instagram) });
  if (values.x) channels.push({ channel: "x", handle: handle(values.x) });
  if (values.facebook) channels.push({ channel: "facebook", handle: values.facebook.trim() });
  if (email) channels.push({ channel: "email", handle: email });
  if (phone) channels.push({ channel: "phone", handle: phone });
  const lead: LeadInput = {
    fullName: tidyName(fullName),
    companyName: values.companyName?.slice(0, 200),
    companyDomain:
      normalizeDomain(
        values.website ?? (email?.split("@")[1] && !isFreeMail(email) ? email.split("@")[1] : undefined),
      ) ?? undefined,
    jobTitle: jobTitle?.slice(0, 200),
    seniority: jobTitle ? seniorityOf(jobTitle) : undefined,
    industry: values.industry ? (providerIndustry(values.industry) ?? values.industry.slice(0, 120)) : undefined,
    industryLabel: values.industry?.slice(0, 120),
    companySize: parseAmount(values.companySize),
    annualRevenue: parseAmount(values.annualRevenue),
    email,
    phone: phone ?? undefined,
    linkedinUrl: linkedin ?? undefined,
    location: { city, region, country },
    timezone: timezoneFor({ city, region, country }) ?? undefined,
    contactChannels: channels,
    notes: values.notes?.slice(0, 5000),
  };
  return { ok: true, lead };
}

const FREE_MAIL = new Set([
  "gmail.com",
  "googlemail.com",
  "yahoo.com",
  "hotmail.com",
  "outlook.com",
  "live.com",
  "icloud.com",
  "aol.com",
  "gmx.de",
  "web.de",
  "proton.me",
  "protonmail.com",
]);
const isFreeMail = (email: string) => FREE_MAIL.has(email.split("@")[1] ?? "");
