// Normal forms of the fields that identify a lead, so "same person" is decided on comparable values.
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

/** `https://www.LinkedIn.com/in/Ada-L/?trk=x` → `linkedin.com/in/ada-l`. */
export function normalizeLinkedinUrl(value: string | null | undefined): string | null {
  if (!value?.trim()) return null;
  const match = /linkedin\.com\/(in|company|sales\/lead|sales\/people)\/([^/?#\s]+)/i.exec(value);
  return match ? `linkedin.com/${match[1]!.toLowerCase()}/${decodeURIComponent(match[2]!).toLowerCase()}` : null;
}

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
