// Credentials of API-connected channel accounts (Meta page tokens, X OAuth tokens), sealed at rest with
// AES-256-GCM (the session-host's SealedBox). Keys come from the Worker's env only: CHANNEL_SECRETS_KEYS is
// `id:base64key[,id:base64key…]` and CHANNEL_SECRETS_KEY_ID names the one that seals; older keys still open what
// they sealed, and the next save re-seals under the current key. The additional data is the account id, so a
// value copied onto another account's row does not open. Without keys, connecting such a channel is a 503.
import { SealedBox } from "../../session-host/src/crypto/sealed-box";
import type { Queryable } from "../db/tenant";
import { AppError } from "../lib/app-error";
import { findCredentials, upsertCredentials } from "../repos/channel-credentials.repo";

const boxes = new Map<string, SealedBox>();

function keyRing(env: Env): SealedBox {
  const spec = env.CHANNEL_SECRETS_KEYS ?? "";
  const active = env.CHANNEL_SECRETS_KEY_ID ?? "";
  const cacheKey = `${active}|${spec}`;
  const cached = boxes.get(cacheKey);
  if (cached) return cached;
  const keys = new Map<string, Uint8Array>();
  for (const part of spec.split(",").filter(Boolean)) {
    const [id, b64] = part.split(":");
    const raw = id && b64 ? Uint8Array.from(atob(b64.trim()), (c) => c.charCodeAt(0)) : undefined;
    if (raw?.length === 32) keys.set(id!.trim(), raw);
  }
  if (!keys.has(active))
    throw new AppError("SERVICE_UNAVAILABLE", "Channel credentials cannot be stored: no encryption key is configured.");
  const box = new SealedBox(keys, active);
  boxes.set(cacheKey, box);
  return box;
}

const toB64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromB64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** Seals `value` (any JSON) for `accountId` and stores it. Service-role transaction. */
export async function saveAccountCredentials(
  tx: Queryable,
  env: Env,
  workspaceId: string,
  accountId: string,
  value: unknown,
): Promise<void> {
  const sealed = await keyRing(env).seal(new TextEncoder().encode(JSON.stringify(value)), accountId);
  await upsertCredentials(tx, workspaceId, accountId, {
    keyId: sealed.keyId,
    sealed: `${toB64(sealed.iv)}.${toB64(sealed.ciphertext)}`,
  });
}

/** The account's credentials as saved, or undefined when none are stored. Throws when they cannot be opened. */
export async function loadAccountCredentials(
  tx: Queryable,
  env: Env,
  workspaceId: string,
  accountId: string,
): Promise<unknown> {
  const stored = await findCredentials(tx, workspaceId, accountId);
  if (!stored) return undefined;
  const [iv, ciphertext] = stored.sealed.split(".");
  const plain = await keyRing(env).open(
    { keyId: stored.keyId, iv: fromB64(iv ?? ""), ciphertext: fromB64(ciphertext ?? "") },
    accountId,
  );
  return JSON.parse(new TextDecoder().decode(plain));
}
