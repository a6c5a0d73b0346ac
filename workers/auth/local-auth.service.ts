// The embedded stand-in for Supabase Auth: sign-up, password sign-in, refresh-token rotation, sign-out.
import type { Db } from "../db/client";
import { asService } from "../db/tenant";
import { AppError } from "../lib/app-error";
import { recheckUserRooms } from "../realtime/room-revocation";
import { countRecentAuditEvents, recordAudit } from "../services/audit.service";
import type { AuthConfig } from "./auth-config";
import * as users from "./auth-users.repo";
import type { AuthUserRow } from "./auth-users.repo";
import { randomToken, sha256Hex } from "./crypto";
import { hashPassword, verifyPassword } from "./passwords";
import { signAccessToken } from "./tokens";

export const SIGN_IN_FAILURE_LIMIT = 10;
export const SIGN_IN_WINDOW_SECONDS = 60;

export interface RequestMeta {
  issuer: string;
  ip: string | null;
  userAgent: string | null;
}

export function userJson(row: AuthUserRow) {
  return {
    id: row.id,
    aud: "authenticated",
    role: "authenticated",
    email: row.email,
    email_confirmed_at: row.email_confirmed_at,
    phone: "",
    confirmed_at: row.email_confirmed_at,
    last_sign_in_at: row.last_sign_in_at,
    app_metadata: { provider: "email", providers: ["email"] },
    user_metadata: row.raw_user_meta_data ?? {},
    identities: [],
    created_at: row.created_at,
    updated_at: row.updated_at,
    is_anonymous: false,
  };
}

async function issueSession(db: Db, config: AuthConfig, user: AuthUserRow, meta: RequestMeta, sessionId?: string, parent?: string) {
  const refreshToken = randomToken();
  const session = await asService(db, async (tx) => {
    const id = sessionId ?? (await users.createSession(tx, user.id));
    await users.insertRefreshToken(tx, await sha256Hex(refreshToken), user.id, id, parent ?? null);
    return id;
  });
  const userMetadata = user.raw_user_meta_data ?? {};
  const { token, expiresAt } = await signAccessToken(config, { id: user.id, email: user.email, userMetadata }, session, meta.issuer);
  return {
    access_token: token,
    token_type: "bearer",
    expires_in: config.accessTokenTtlSeconds,
    expires_at: expiresAt,
    refresh_token: refreshToken,
    user: userJson(user),
  };
}

export async function signUp(db: Db, config: AuthConfig, input: { email: string; password: string; data: Record<string, unknown> }, meta: RequestMeta) {
  const passwordHash = await hashPassword(input.password);
  const user = await asService(db, async (tx) => {
    const created = await users.insertUser(tx, input.email, passwordHash, input.data);
    if (!created) return undefined;
    await users.touchLastSignIn(tx, created.id);
    const workspaceId = await users.personalWorkspaceId(tx, created.id);
    await recordAudit(tx, { event: "auth.sign_up", workspaceId, actorUserId: created.id, subject: input.email.toLowerCase(), ip: meta.ip, userAgent: meta.userAgent });
    return created;
  });
  if (!user) throw new AppError("CONFLICT", "User already registered", { authCode: "user_already_exists" });
  return issueSession(db, config, user, meta);
}

export async function signInWithPassword(db: Db, config: AuthConfig, input: { email: string; password: string }, meta: RequestMeta) {
  const subject = input.email.toLowerCase();
  const audit = { subject, ip: meta.ip, userAgent: meta.userAgent };
  const recentFailures = await asService(db, (tx) =>
    countRecentAuditEvents(tx, "auth.sign_in_failed", subject, SIGN_IN_WINDOW_SECONDS),
  );
  const user = await asService(db, (tx) => users.findUserByEmail(tx, subject));
  const workspaceId = user ? await asService(db, (tx) => users.personalWorkspaceId(tx, user.id)) : null;

  if (recentFailures >= SIGN_IN_FAILURE_LIMIT) {
    await asService(db, (tx) => recordAudit(tx, { event: "auth.sign_in_throttled", workspaceId, actorUserId: user?.id, ...audit }));
    throw new AppError("RATE_LIMITED", "Too many sign-in attempts. Try again in a minute.", {
      authCode: "over_request_rate_limit",
      retryAfterSeconds: SIGN_IN_WINDOW_SECONDS,
    });
  }
  if (!user || !(await verifyPassword(input.password, user.encrypted_password))) {
    await asService(db, (tx) => recordAudit(tx, { event: "auth.sign_in_failed", workspaceId, actorUserId: user?.id, ...audit }));
    throw new AppError("BAD_REQUEST", "Invalid login credentials", { authCode: "invalid_credentials" });
  }
  await asService(db, async (tx) => {
    await users.touchLastSignIn(tx, user.id);
    await recordAudit(tx, { event: "auth.sign_in", workspaceId, actorUserId: user.id, ...audit });
  });
  return issueSession(db, config, { ...user, last_sign_in_at: new Date().toISOString() }, meta);
}

/** Rotation: each refresh token works once; presenting a spent one ends the whole session (token theft). */
export async function refreshSession(db: Db, config: AuthConfig, refreshToken: string, meta: RequestMeta) {
  const hash = await sha256Hex(refreshToken);
  const result = await asService(db, (tx) => users.spendRefreshToken(tx, hash));
  if (!result.spent) {
    if (result.row) {
      await asService(db, (tx) => users.deleteSessions(tx, result.row!.user_id, "local", result.row!.session_id));
      throw new AppError("BAD_REQUEST", "Invalid Refresh Token: Already Used", { authCode: "refresh_token_already_used" });
    }
    throw new AppError("BAD_REQUEST", "Invalid Refresh Token: Refresh Token Not Found", { authCode: "refresh_token_not_found" });
  }
  const user = await asService(db, (tx) => users.findUserById(tx, result.row.user_id));
  if (!user) throw new AppError("BAD_REQUEST", "Invalid Refresh Token: Refresh Token Not Found", { authCode: "refresh_token_not_found" });
  return issueSession(db, config, user, meta, result.row.session_id, hash);
}

export async function getUser(db: Db, userId: string) {
  const user = await asService(db, (tx) => users.findUserById(tx, userId));
  if (!user) throw new AppError("UNAUTHENTICATED", "User from sub claim in JWT does not exist", { authCode: "user_not_found" });
  return userJson(user);
}

export async function signOut(db: Db, userId: string, sessionId: string | undefined, scope: "global" | "local" | "others", meta: RequestMeta) {
  await asService(db, async (tx) => {
    await users.deleteSessions(tx, userId, scope, sessionId);
    const workspaceId = await users.personalWorkspaceId(tx, userId);
    await recordAudit(tx, { event: "auth.sign_out", workspaceId, actorUserId: userId, ip: meta.ip, userAgent: meta.userAgent, details: { scope } });
  });
  await recheckUserRooms(db, userId); // the ended sessions' room sockets close now (decision 010)
}
