// Resolving who is calling, shared by the API middleware, the realtime rooms and the SSR session.
import type { Db } from "../db/client";
import type { DbClaims } from "../db/tenant";
import { authConfig } from "./auth-config";
import { requireActiveSession } from "./session-registry";
import { createSessionClient, hasSessionCookie, sessionAccessToken } from "./session-cookie";
import { verifyAccessToken } from "./tokens";

export interface SignedInUser {
  userId: string;
  email: string | null;
  claims: DbClaims;
}

export async function userFromAccessToken(env: Env, token: string, db?: Db): Promise<SignedInUser> {
  const config = authConfig(env);
  const claims = await verifyAccessToken(config, token);
  await requireActiveSession(env, config, claims.session_id, db);
  return {
    userId: claims.sub,
    email: claims.email ?? null,
    claims: { ...claims, sub: claims.sub, role: "authenticated" },
  };
}

/** The access token a browser presents: the session cookie (refreshed if needed), or none. */
export async function accessTokenFromCookie(request: Request, env: Env, ctx: ExecutionContext) {
  if (!hasSessionCookie(request)) return { token: undefined, setCookies: [] as string[] };
  const session = await createSessionClient(request, env, ctx);
  return { token: await sessionAccessToken(session), setCookies: session.setCookies };
}
