// One rule per channel for what a hand-typed contact handle may be and how it is stored: phones (WhatsApp,
// phone) in E.164, LinkedIn as the normal-form URL lead identity uses, e-mail lower-cased, Instagram/X/Facebook
// as typed (`@name`, a bare name or the provider's numeric id) or, from a pasted profile URL, the name in it.
// A bare LinkedIn slug (`Ada-Lovelace`) is stored as `linkedin.com/in/ada-lovelace`: the LinkedIn channel adapter
// only understands that form.
import { AppError } from "../lib/app-error";
import { normalizeEmail, normalizeLinkedinUrl, normalizePhone } from "./lead-identity";

export type HandleResult = { ok: true; handle: string } | { ok: false; message: string };

const USER_NAME: Record<string, { pattern: RegExp; hosts: RegExp; label: string }> = {
  instagram: { pattern: /^[A-Za-z0-9._]{1,30}$/, hosts: /(?:^|\.)instagram\.com$/i, label: "an Instagram user name" },
  x: { pattern: /^[A-Za-z0-9_]{1,15}$|^\d{1,25}$/, hosts: /(?:^|\.)(?:x|twitter)\.com$/i, label: "an X user name" },
  facebook: {
    pattern: /^[A-Za-z0-9.]{1,50}$|^\d{1,25}$/,
    hosts: /(?:^|\.)(?:facebook|fb)\.com$/i,
    label: "a Facebook user name or page id",
  },
};

/** The name in a profile URL (`https://instagram.com/ada/`), else the value as typed. */
function userName(value: string, hosts: RegExp): string {
  const url = /^(?:https?:\/\/)?([^/\s]+)\/(?:profile\.php\?id=(\d+)|([^/?#\s]+))/i.exec(value);
  if (url && hosts.test(url[1]!)) return url[2] ?? url[3] ?? "";
  return value;
}

/** Validates and normalises one handle; `country` (ISO-2) lets national phone numbers parse. */
export function normalizeHandle(channel: string, value: string, country?: string | null): HandleResult {
  const raw = value.trim();
  if (!raw) return { ok: false, message: "Enter a handle or remove the row." };
  if (channel === "whatsapp" || channel === "phone") {
    const phone = normalizePhone(raw, country);
    return phone
      ? { ok: true, handle: phone }
      : { ok: false, message: "Not a valid phone number (add the country code, e.g. +49 …)." };
  }
  if (channel === "linkedin") {
    const url = normalizeLinkedinUrl(raw);
    if (url) return { ok: true, handle: url };
    const slug = /^[A-Za-z0-9][A-Za-z0-9_%-]{1,99}$/.test(raw) ? normalizeLinkedinUrl(`linkedin.com/in/${raw}`) : null;
    return slug
      ? { ok: true, handle: slug }
      : { ok: false, message: "Not a LinkedIn profile URL (linkedin.com/in/…)." };
  }
  if (channel === "email") {
    const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw) ? normalizeEmail(raw) : null;
    return email ? { ok: true, handle: email } : { ok: false, message: "Not an e-mail address." };
  }
  const rule = USER_NAME[channel];
  if (!rule) return { ok: true, handle: raw };
  const name = userName(raw, rule.hosts);
  return rule.pattern.test(name.replace(/^@/, ""))
    ? { ok: true, handle: name }
    : { ok: false, message: `Not ${rule.label}.` };
}

/**
 * Hand-typed handles (API, lead page) checked and normalised per channel; every bad one is reported at once under
 * `contactChannels.<i>.handle`. Handles from sources and imports are kept as given.
 */
export function withCheckedHandles<T extends { contactChannels?: { channel: string; handle: string }[] }>(
  input: T,
  country: string | null | undefined,
): T {
  if (!input.contactChannels) return input;
  const fields: Record<string, string[]> = {};
  const contactChannels = input.contactChannels.map((c, i) => {
    const checked = normalizeHandle(c.channel, c.handle, country);
    if (checked.ok) return { ...c, handle: checked.handle };
    fields[`contactChannels.${i}.handle`] = [checked.message];
    return c;
  });
  if (Object.keys(fields).length)
    throw new AppError("VALIDATION_FAILED", "The request body is not valid.", { location: "json", fields });
  return { ...input, contactChannels };
}
