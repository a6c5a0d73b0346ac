// The one place that decides "same person" and how records of one person are merged, for every path that
// creates leads: generation (candidate merge and id assignment), imports, manual create and enrichment.
// Keys are compared in normal form, the same form the SQL unique indexes on `leads` see (decision 014).
import { parsePhoneNumberFromString } from "libphonenumber-js/min";
import type { CountryCode } from "libphonenumber-js/min";

export function normalizeEmail(value: string | null | undefined): string | null {
  const email = value?.trim().toLowerCase();
  return email ? email : null;
}

/** E.164, using the lead's country for numbers written without a prefix; null when not a valid number. */
export function normalizePhone(value: string | null | undefined, country?: string | null): string | null {
  if (!value?.trim()) return null;
  const parsed = parsePhoneNumberFromString(value, (country?.toUpperCase() as CountryCode | undefined) ?? undefined);
  return parsed?.isValid() ? parsed.number : null;
}

// Dependency-free, so the web app links LinkedIn handles by the very same rule.
import { normalizeLinkedinUrl } from "../lib/linkedin-url";

export { normalizeLinkedinUrl };

/** A website, URL or e-mail address → its host without `www.`: `https://www.Acme.com/about` → `acme.com`. */
export function normalizeDomain(value: string | null | undefined): string | null {
  let text = value?.trim().toLowerCase();
  if (!text) return null;
  if (text.includes("@") && !text.includes("/")) text = text.split("@").pop()!;
  try {
    const host = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(text) ? text : `https://${text}`).hostname;
    const domain = host.replace(/^www\./, "");
    return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain) ? domain : null;
  } catch {
    return null;
  }
}

/** Case, accents, punctuation and spacing do not make two names different: `Zoë  O'Neil` → `zoe oneil`. */
export function nameKey(fullName: string | null | undefined): string | null {
  const key = (fullName ?? "")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
  return key || null;
}

/** Company names compare like the SQL index `leads_ws_name_company_idx`: `lower(company_name)` of the trimmed name. */
export function companyKey(name: string | null | undefined): string | null {
  const key = name?.trim().toLowerCase();
  return key || null;
}

/** A lead's identity in normal form; `companyKey` only counts when the person has no other key. */
export interface Identity {
  email: string | null;
  phone: string | null;
  linkedinUrl: string | null;
  companyDomain: string | null;
  nameKey: string | null;
  companyKey: string | null;
}

/** What any caller knows about a person, as found (raw provider values, CSV cells, form input). */
export interface PersonFields {
  fullName?: string | null;
  email?: string | null;
  phone?: string | null;
  linkedinUrl?: string | null;
  companyDomain?: string | null;
  companyName?: string | null;
  /** ISO country of the person: the default region for phone numbers written without +prefix. */
  country?: string | null;
}

export function identityOf(p: PersonFields): Identity {
  return {
    email: normalizeEmail(p.email),
    phone: normalizePhone(p.phone, p.country),
    linkedinUrl: normalizeLinkedinUrl(p.linkedinUrl),
    companyDomain: normalizeDomain(p.companyDomain),
    nameKey: nameKey(p.fullName),
    companyKey: companyKey(p.companyName),
  };
}

/** Whether the person has a key a unique index enforces (e-mail, phone, LinkedIn, domain + name). */
export function hasStrongKey(k: Omit<Identity, "companyKey">): boolean {
  return !!(k.email || k.phone || k.linkedinUrl || (k.companyDomain && k.nameKey));
}

/**
 * The keys two records of one person share. Any shared key means "same person". Name at company is a
 * fallback only for a record with no other key (two people with keys are never joined by name alone).
 */
export function identityKeys(k: Omit<Identity, "companyKey"> & { companyKey?: string | null }): string[] {
  const keys: string[] = [];
  if (k.email) keys.push(`e:${k.email}`);
  if (k.phone) keys.push(`p:${k.phone}`);
  if (k.linkedinUrl) keys.push(`l:${k.linkedinUrl}`);
  if (k.companyDomain && k.nameKey) keys.push(`d:${k.companyDomain}|${k.nameKey}`);
  if (keys.length === 0 && k.nameKey && k.companyKey) keys.push(`n:${k.nameKey}|${k.companyKey}`);
  return keys;
}

/**
 * Whether a stored lead is the person described by `incoming` (keys in normal form). A stored lead is matched
 * on name at company whatever keys it has, when `incoming` has no key of its own.
 */
export function isSamePerson(
  incoming: Omit<Identity, "companyKey"> & { companyKey?: string | null },
  stored: {
    email: string | null;
    phone: string | null;
    linkedinUrl: string | null;
    companyDomain: string | null;
    nameKey: string | null;
    companyName?: string | null;
  },
): boolean {
  const mine = identityKeys(incoming);
  const storedEmail = normalizeEmail(stored.email);
  const theirs = new Set(identityKeys({ ...stored, email: storedEmail }));
  if (mine.some((key) => theirs.has(key))) return true;
  return (
    !hasStrongKey(incoming) &&
    !!incoming.nameKey &&
    !!incoming.companyKey &&
    incoming.nameKey === stored.nameKey &&
    incoming.companyKey === companyKey(stored.companyName)
  );
}

/**
 * "Fill missing only": the fields of `incoming` that `target` lacks (null/undefined), never overwriting a
 * value it has. With `provenance`, each filled field records `source` as who supplied it.
 */
export function fillMissing<T extends object>(
  target: Partial<T>,
  incoming: Partial<T>,
  fields: readonly (keyof T)[],
  provenance?: { record: Record<string, string[]>; source: string },
): Partial<T> {
  const patch: Partial<T> = {};
  for (const field of fields) {
    if (target[field] != null || incoming[field] == null) continue;
    patch[field] = incoming[field];
    if (provenance) provenance.record[field as string] = [provenance.source];
  }
  return patch;
}
