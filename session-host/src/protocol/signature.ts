// HMAC request signing between the Worker and the session-host, both ways (decision 017). Web Crypto only, so
// the same file runs in Bun and in workerd. The MAC covers timestamp, nonce, method, path (with query) and a
// SHA-256 of the raw body; the receiver allows ±5 minutes of clock skew and refuses a nonce it has seen.
export const SIGNATURE_HEADERS = {
  timestamp: "x-rl-timestamp",
  nonce: "x-rl-nonce",
  signature: "x-rl-signature",
} as const;
export const MAX_SKEW_SECONDS = 300;
const VERSION = "v1";

export interface SignableRequest {
  method: string;
  /** Path and query exactly as sent, e.g. `/sessions/abc/messages?x=1`. */
  path: string;
  body: Uint8Array | string;
}

export type VerifyResult =
  | { ok: true; nonce: string; timestamp: number }
  | { ok: false; reason: "missing" | "malformed" | "skew" | "mismatch" };

const encoder = new TextEncoder();
const bytesOf = (body: Uint8Array | string) => (typeof body === "string" ? encoder.encode(body) : body);
const toHex = (bytes: ArrayBuffer | Uint8Array) =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");

async function canonical(req: SignableRequest, timestamp: number, nonce: string): Promise<Uint8Array<ArrayBuffer>> {
  const bodyHash = toHex(await crypto.subtle.digest("SHA-256", new Uint8Array(bytesOf(req.body))));
  return encoder.encode([VERSION, timestamp, nonce, req.method.toUpperCase(), req.path, bodyHash].join("\n"));
}

async function hmacKey(secret: string, usage: "sign" | "verify"): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [usage]);
}

/** Headers to add to a request; `now` (ms) and `nonce` are for tests. */
export async function signRequest(
  secret: string,
  req: SignableRequest,
  opts: { now?: number; nonce?: string } = {},
): Promise<Record<string, string>> {
  const timestamp = Math.floor((opts.now ?? Date.now()) / 1000);
  const nonce = opts.nonce ?? toHex(crypto.getRandomValues(new Uint8Array(16)));
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(secret, "sign"), await canonical(req, timestamp, nonce));
  return {
    [SIGNATURE_HEADERS.timestamp]: String(timestamp),
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: `${VERSION}=${toHex(mac)}`,
  };
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> | null {
  if (hex.length !== 64 || !/^[0-9a-f]+$/i.test(hex)) return null;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * Checks signature and skew. The caller must still record the nonce (and refuse it if already seen): only it
 * knows where nonces are kept.
 */
export async function verifyRequest(
  secret: string,
  req: SignableRequest,
  headers: { get(name: string): string | null },
  now = Date.now(),
): Promise<VerifyResult> {
  const ts = headers.get(SIGNATURE_HEADERS.timestamp);
  const nonce = headers.get(SIGNATURE_HEADERS.nonce);
  const sig = headers.get(SIGNATURE_HEADERS.signature);
  if (!ts || !nonce || !sig) return { ok: false, reason: "missing" };
  const timestamp = Number(ts);
  const mac = sig.startsWith(`${VERSION}=`) ? fromHex(sig.slice(VERSION.length + 1)) : null;
  if (!/^\d{1,12}$/.test(ts) || !/^[0-9a-f]{16,100}$/i.test(nonce) || !mac) return { ok: false, reason: "malformed" };
  if (Math.abs(now / 1000 - timestamp) > MAX_SKEW_SECONDS) return { ok: false, reason: "skew" };
  // crypto.subtle.verify compares in constant time.
  const ok = await crypto.subtle.verify(
    "HMAC",
    await hmacKey(secret, "verify"),
    mac,
    await canonical(req, timestamp, nonce),
  );
  return ok ? { ok: true, nonce, timestamp } : { ok: false, reason: "mismatch" };
}
