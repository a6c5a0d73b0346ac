/**
 * The caller's IP address, for per-IP limits and audit entries.
 *
 * Behind Cloudflare (`CLIENT_IP_SOURCE=cloudflare`, the deployed default) `CF-Connecting-IP` is written by
 * Cloudflare's edge and overwrites whatever the client sent, so it can be trusted. Locally (`socket`, set by
 * `bun run dev`/`start` and the test suites) workerd keeps a client-sent `CF-Connecting-IP`, so the header is
 * ignored: every caller of a local server reaches it over the loopback socket and shares that address.
 * `X-Forwarded-For`, `X-Real-IP` and friends are never read — a client can rotate them at will.
 */
export const LOCAL_SOCKET_IP = "127.0.0.1";

export type ClientIpSource = "cloudflare" | "socket";

export function clientIpSource(env: { CLIENT_IP_SOURCE?: string }): ClientIpSource {
  return env.CLIENT_IP_SOURCE === "socket" ? "socket" : "cloudflare";
}

export function clientIp(request: Request, env: { CLIENT_IP_SOURCE?: string }): string {
  if (clientIpSource(env) === "socket") return LOCAL_SOCKET_IP;
  return request.headers.get("cf-connecting-ip")?.trim() || "unknown";
}
