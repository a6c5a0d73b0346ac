import { randomToken, sha256Hex } from "../auth/crypto";
import type { Db } from "../db/client";
import type { ApiKeyScope } from "../db/schema";
import { asService, asUser } from "../db/tenant";
import { AppError } from "../lib/app-error";
import { recheckWorkspaceRooms } from "../realtime/room-revocation";
import * as repo from "../repos/api-keys.repo";
import type { Actor } from "./actor";
import { recordAudit, auditedBy } from "./audit.service";

/** Keys look like `rlk_<43 url-safe chars>`; the prefix makes them recognisable (and greppable in leaks). */
export const API_KEY_PREFIX = "rlk_";
const DISPLAY_PREFIX_LENGTH = 12;

export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}

function requireManager(actor: Actor): void {
  if (actor.apiKeyId)
    throw new AppError("FORBIDDEN", "API keys are managed by signed-in users, not by other API keys.");
  if (actor.workspaceRole === "member") throw new AppError("FORBIDDEN", "Only owners and admins manage API keys.");
}

export async function createApiKey(db: Db, actor: Actor, input: { name: string; scopes: ApiKeyScope[] }) {
  requireManager(actor);
  const key = `${API_KEY_PREFIX}${randomToken(32)}`;
  const row = await asUser(db, actor.claims, async (tx) => {
    const created = await repo.insertApiKey(tx, {
      workspaceId: actor.workspaceId,
      createdBy: actor.userId,
      name: input.name,
      prefix: key.slice(0, DISPLAY_PREFIX_LENGTH),
      keyHash: await sha256Hex(key),
      scopes: [...new Set(input.scopes)],
    });
    return created;
  });
  await asService(db, (tx) =>
    recordAudit(tx, {
      event: "api_key.created",
      ...auditedBy(actor),
      subject: row.id,
      details: { name: row.name, scopes: row.scopes },
    }),
  );
  return { apiKey: row, key };
}

export function listApiKeys(db: Db, actor: Actor) {
  requireManager(actor);
  return asUser(db, actor.claims, (tx) => repo.listApiKeys(tx, actor.workspaceId));
}

export async function revokeApiKey(db: Db, actor: Actor, id: string) {
  requireManager(actor);
  const revoked = await asUser(db, actor.claims, (tx) => repo.revokeApiKey(tx, actor.workspaceId, id));
  if (!revoked) {
    const existing = await asUser(db, actor.claims, (tx) => repo.findApiKey(tx, actor.workspaceId, id));
    if (!existing) throw new AppError("RESOURCE_NOT_FOUND", "No such API key.", { id });
    return existing; // already revoked: revoking again is a no-op
  }
  await recheckWorkspaceRooms([actor.workspaceId]); // sockets opened with the key close now (decision 010)
  await asService(db, (tx) =>
    recordAudit(tx, {
      event: "api_key.revoked",
      ...auditedBy(actor),
      subject: id,
    }),
  );
  return revoked;
}

/** Resolves a presented key to the workspace it acts for; unknown, revoked or orphaned keys are a 401. */
export async function authenticateApiKey(db: Db, key: string) {
  const found = await asService(db, async (tx) => repo.findActiveKeyByHash(tx, await sha256Hex(key)));
  if (!found) throw new AppError("UNAUTHENTICATED", "The API key is invalid or has been revoked.");
  return found;
}

export function recordApiKeyUse(db: Db, id: string) {
  return asService(db, (tx) => repo.touchApiKey(tx, id));
}
