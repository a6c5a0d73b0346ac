// The Sandbox's inbound half (decision 016): a provider like any other, so its receipts and replies take the
// same path as Meta's or X's. Requests carry `x-sandbox-signature: sha256=<hex HMAC-SHA256(secret, raw body)>`
// with SANDBOX_WEBHOOK_SECRET; without that secret configured every request is refused. The body is
// `{events: ProviderEvent[]}` (the normalised shape itself: the Sandbox has no foreign format to translate).
import { z } from "zod";
import { storableString, validationError, parseJsonBody } from "../../lib/validation";
import type { ProviderEvent, WebhookProvider, WebhookRequest } from "../channel-adapter";

export const SANDBOX_SIGNATURE_HEADER = "x-sandbox-signature";
const PREFIX = "sha256=";
/** Providers batch; more than this in one request is refused rather than half-processed. */
export const MAX_EVENTS_PER_REQUEST = 100;

const text = (max: number) => storableString(z.string().min(1).max(max));
const at = z.iso.datetime({ offset: true });

const SandboxEvent = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("message"),
    eventId: text(300),
    accountExternalId: text(200),
    providerMessageId: text(300),
    from: z.object({
      handle: text(300),
      name: text(200).optional(),
      phone: text(40).optional(),
      email: text(320).optional(),
    }),
    body: storableString(z.string().max(10_000)),
    media: z
      .array(z.object({ url: z.url().max(2000), type: text(100) }))
      .max(10)
      .default([]),
    at,
    threadId: text(300).optional(),
  }),
  z.object({
    kind: z.literal("status"),
    eventId: text(300),
    accountExternalId: text(200),
    providerMessageId: text(300),
    status: z.enum(["sent", "delivered", "read", "failed"]),
    errorCode: text(100).optional(),
    at,
  }),
]);
const SandboxBody = z.object({ events: z.array(SandboxEvent).min(1).max(MAX_EVENTS_PER_REQUEST) });

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

/** The header value for `rawBody` (the Sandbox provider and tests sign with it). */
export async function signSandboxBody(secret: string, rawBody: string | Uint8Array): Promise<string> {
  const bytes = typeof rawBody === "string" ? new TextEncoder().encode(rawBody) : new Uint8Array(rawBody);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey(secret, "sign"), bytes));
  return PREFIX + [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export const sandboxWebhook: WebhookProvider = {
  provider: "sandbox",
  channel: "sandbox",

  async verify(request: WebhookRequest, env: Env): Promise<boolean> {
    const secret = env.SANDBOX_WEBHOOK_SECRET;
    const header = request.headers.get(SANDBOX_SIGNATURE_HEADER)?.trim() ?? "";
    if (!secret || !header.toLowerCase().startsWith(PREFIX)) return false;
    const signature = hexToBytes(header.slice(PREFIX.length));
    if (!signature) return false;
    // crypto.subtle.verify compares in constant time.
    return crypto.subtle.verify("HMAC", await hmacKey(secret, "verify"), signature, new Uint8Array(request.rawBody));
  },

  parse(request: WebhookRequest): ProviderEvent[] {
    const json = parseJsonBody(request.rawBody);
    const parsed = SandboxBody.safeParse(json);
    if (!parsed.success) throw validationError(parsed.error, "body");
    return parsed.data.events;
  },
};
