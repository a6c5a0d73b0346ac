import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import { apiKeys, workspaceMembers } from "../db/schema";
import type { ApiKeyScope } from "../db/schema";
import type { Queryable } from "../db/tenant";

const publicColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
  createdAt: apiKeys.createdAt,
};

export type ApiKeyRow = Awaited<ReturnType<typeof listApiKeys>>[number];

export function insertApiKey(
  db: Queryable,
  values: {
    workspaceId: string;
    createdBy: string;
    name: string;
    prefix: string;
    keyHash: string;
    scopes: ApiKeyScope[];
  },
) {
  return db
    .insert(apiKeys)
    .values(values)
    .returning(publicColumns)
    .then((rows) => rows[0]!);
}

export function listApiKeys(db: Queryable, workspaceId: string) {
  return db
    .select(publicColumns)
    .from(apiKeys)
    .where(eq(apiKeys.workspaceId, workspaceId))
    .orderBy(desc(apiKeys.createdAt));
}

export function revokeApiKey(db: Queryable, workspaceId: string, id: string) {
  return db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.workspaceId, workspaceId), isNull(apiKeys.revokedAt)))
    .returning(publicColumns)
    .then((rows) => rows[0]);
}

export function findApiKey(db: Queryable, workspaceId: string, id: string) {
  return db
    .select(publicColumns)
    .from(apiKeys)
    .where(and(eq(apiKeys.id, id), eq(apiKeys.workspaceId, workspaceId)))
    .then((rows) => rows[0]);
}

/** Service path: the key's owner must still be a member of the key's workspace for the key to work. */
export function findActiveKeyByHash(db: Queryable, keyHash: string) {
  return db
    .select({
      id: apiKeys.id,
      workspaceId: apiKeys.workspaceId,
      createdBy: apiKeys.createdBy,
      scopes: apiKeys.scopes,
      lastUsedAt: apiKeys.lastUsedAt,
      role: workspaceMembers.role,
    })
    .from(apiKeys)
    .innerJoin(
      workspaceMembers,
      and(eq(workspaceMembers.workspaceId, apiKeys.workspaceId), eq(workspaceMembers.userId, apiKeys.createdBy)),
    )
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    .then((rows) => rows[0]);
}

/** Records use at most once a minute per key, so a busy integration does not write on every request. */
export async function touchApiKey(db: Queryable, id: string) {
  const aMinuteAgo = new Date(Date.now() - 60_000);
  await db
    .update(apiKeys)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, aMinuteAgo))));
}
