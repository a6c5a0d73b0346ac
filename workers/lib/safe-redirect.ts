/**
 * Where to send a browser after sign-in, sign-up, an invitation or an auth e-mail link: only a path on this
 * site. Browsers strip tabs and newlines from URLs and read `\` as `/`, so `/\t/evil.example` and
 * `/\evil.example` both become the protocol-relative `//evil.example`; percent-encoded forms of the same
 * trick can be decoded by a later hop. Anything that is not plainly a same-origin path falls back.
 */
export const DEFAULT_AFTER_AUTH = "/dashboard";

const MAX_LENGTH = 2048;
const PROBE_ORIGIN = "https://same-origin.invalid";
// C0 controls, DEL, C1 controls, backslash, and the Unicode line/paragraph separators and BOM browsers strip.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\\\u2028\u2029\ufeff]/;

export function safeRedirectPath(value: unknown, fallback: string = DEFAULT_AFTER_AUTH): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  if (!isPlainPath(value)) return fallback;
  // Check every decoded layer too, so `/%2F%2Fevil.example` or `/%5Cevil` cannot turn into `//…` later.
  let layer = value;
  for (let i = 0; i < 3 && layer.includes("%"); i++) {
    try {
      layer = decodeURIComponent(layer);
    } catch {
      return fallback;
    }
    if (!isPlainPath(layer)) return fallback;
  }
  const url = new URL(value, PROBE_ORIGIN);
  if (url.origin !== PROBE_ORIGIN) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

function isPlainPath(text: string): boolean {
  return text.startsWith("/") && !text.startsWith("//") && !FORBIDDEN.test(text);
}

/**
 * `redirect_to` of an auth e-mail link (GoTrue's allow-list check): an absolute URL on this origin or on
 * one of the configured allowed origins keeps its origin; everything else becomes a safe path on this site.
 */
export function safeRedirectUrl(
  value: unknown,
  origin: string,
  allowedOrigins: readonly string[] = [],
  fallback = DEFAULT_AFTER_AUTH,
): string {
  if (typeof value === "string" && /^https?:\/\//i.test(value) && !FORBIDDEN.test(value)) {
    try {
      const url = new URL(value);
      if (url.origin === origin || allowedOrigins.includes(url.origin)) {
        return `${url.origin}${safeRedirectPath(`${url.pathname}${url.search}${url.hash}`, fallback)}`;
      }
    } catch {
      // not a URL: fall through to the path check
    }
  }
  return `${origin}${safeRedirectPath(value, fallback)}`;
}
