// `sha256=<hex HMAC-SHA256(secret, raw body)>` signatures, the form the Sandbox and Meta (X-Hub-Signature-256) use.
// Verification runs over the raw bytes with crypto.subtle.verify, which compares in constant time.
const PREFIX = "sha256=";

async function hmacKey(secret: string, usage: "sign" | "verify"): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    usage,
  ]);
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> | null {
  if (hex.length !== 64 || !/^[0-9a-f]+$/i.test(hex)) return null;
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** The header value for `rawBody`. */
export async function signSha256(secret: string, rawBody: string | Uint8Array): Promise<string> {
  const bytes = typeof rawBody === "string" ? new TextEncoder().encode(rawBody) : new Uint8Array(rawBody);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey(secret, "sign"), bytes));
  return PREFIX + [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** False for a missing secret, a malformed header or a MAC that does not match the raw body. */
export async function verifySha256(secret: string | undefined, header: string, rawBody: Uint8Array): Promise<boolean> {
  const value = header.trim();
  if (!secret || !value.toLowerCase().startsWith(PREFIX)) return false;
  const signature = hexToBytes(value.slice(PREFIX.length));
  if (!signature) return false;
  return crypto.subtle.verify("HMAC", await hmacKey(secret, "verify"), signature, new Uint8Array(rawBody));
}
