// Headers every response from the Worker carries. Pages get a nonce-based CSP from the SSR path; API
// responses (JSON only) get the strictest policy.
const COMMON: Record<string, string> = {
  "strict-transport-security": "max-age=63072000; includeSubDomains",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
  "cross-origin-opener-policy": "same-origin",
};

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

export function pageCsp(nonce: string, extraConnectSrc: string[] = []): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // Framer Motion animates through inline style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    ["connect-src 'self'", ...extraConnectSrc].join(" "),
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** Adds the common headers, and `fallbackCsp` when the handler did not set a policy of its own. */
export function withSecurityHeaders(response: Response, fallbackCsp: string | undefined): Response {
  const secured = new Response(response.body, response);
  for (const [name, value] of Object.entries(COMMON)) secured.headers.set(name, value);
  if (fallbackCsp && !secured.headers.has("content-security-policy"))
    secured.headers.set("content-security-policy", fallbackCsp);
  return secured;
}

/** Origins allowed to call the API from a browser on another site (comma-separated config). */
export function allowedOrigins(config: string | undefined): string[] {
  return (config ?? "")
    .split(",")
    .map((o) => o.trim().replace(/\/$/, ""))
    .filter(Boolean);
}
