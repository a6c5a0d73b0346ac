// The embedded stand-in for Supabase Auth: sign-up, password sign-in, refresh-token rotation, sign-out.
import type { Db } from "../db/client";
import { asService } from "../db/tenant";
import { AppError } from "../lib/app-error";
import { recheckUserRooms } from "../realtime/room-revocation";
import { recordAudit } from "../services/audit.service";
import type { AuthConfig } from "./auth-config";
import { reserveSignInAttempt } from "./auth-limits";
import * as users from "./auth-users.repo";
import type { AuthUserRow } from "./auth-users.repo";
import { randomToken, sha256Hex } from "./crypto";
import { assertStrongPassword, hashPassword, verifyPassword } from "./passwords";
import { forgetSessions } from "./session-registry";
import { signAccessToken } from "./tokens";

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

export async function issueSession(
  db: Db,
  config: AuthConfig,
  user: AuthUserRow,
  meta: RequestMeta,
  sessionId?: string,
  parent?: string,
) {
  const refreshToken = randomToken();
  const session = await asService(db, async (tx) => {
    const id = sessionId ?? (await users.createSession(tx, user.id));
    const stored = await users.insertRefreshToken(tx, await sha256Hex(refreshToken), user.id, id, parent ?? null);
    return stored ? id : undefined;
  });
  // The session was signed out between spending the old token and storing the new one.
  if (!session) throw refreshTokenNotFound();
  const userMetadata = user.raw_user_meta_data ?? {};
  const { token, expiresAt } = await signAccessToken(
    config,
    { id: user.id, email: user.email, userMetadata },
    session,
    meta.issuer,
  );
  return {
    access_token: token,
    token_type: "bearer",
    expires_in: config.accessTokenTtlSeconds,
    expires_at: expiresAt,
    refresh_token: refreshToken,
    user: userJson(user),
  };
}

const refreshTokenNotFound = () =>
  new AppError("BAD_REQUEST", "Invalid Refresh Token: Refresh Token Not Found", {
    authCode: "refresh_token_not_found",
  });

export async function signUp(
  db: Db,
  config: AuthConfig,
  input: { email: string; password: string; data: Record<string, unknown> },
  meta: RequestMeta,
) {
  const passwordHash = await hashPassword(input.password);
  const user = await asService(db, async (tx) => {
    const created = await users.insertUser(tx, input.email, passwordHash, input.data);
    if (!created) return undefined;
    await users.touchLastSignIn(tx, created.id);
    const workspaceId = await users.personalWorkspaceId(tx, created.id);
    await recordAudit(tx, {
      event: "auth.sign_up",
      workspaceId,
      actorUserId: created.id,
      subject: input.email.toLowerCase(),
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    return created;
  });
  // GoTrue answers 422 `user_already_exists` when sign-ups are auto-confirmed (mailer_autoconfirm).
  if (!user) throw new AppError("VALIDATION_FAILED", "User already registered", { authCode: "user_already_exists" });
  return issueSession(db, config, user, meta);
}

export async function signInWithPassword(
  db: Db,
  env: Env,
  config: AuthConfig,
  input: { email: string; password: string },
  meta: RequestMeta,
) {
  const subject = input.email.toLowerCase();
  const audit = { subject, ip: meta.ip, userAgent: meta.userAgent };
  // Check and count in one atomic step (the Durable Object), before any password work, so parallel
  // attempts cannot all pass a check that only counts finished failures.
  const attempt = await reserveSignInAttempt(env, subject);
  const user = await asService(db, (tx) => users.findUserByEmail(tx, subject));
  const workspaceId = user ? await asService(db, (tx) => users.personalWorkspaceId(tx, user.id)) : null;

  if (!attempt.allowed) {
    await asService(db, (tx) =>
      recordAudit(tx, { event: "auth.sign_in_throttled", workspaceId, actorUserId: user?.id, ...audit }),
    );
    throw new AppError("RATE_LIMITED", "Too many sign-in attempts. Try again in a minute.", {
      authCode: "over_request_rate_limit",
      retryAfterSeconds: attempt.retryAfterSeconds,
    });
  }
  if (!user || !(await verifyPassword(input.password, user.encrypted_password))) {
    await asService(db, (tx) =>
      recordAudit(tx, { event: "auth.sign_in_failed", workspaceId, actorUserId: user?.id, ...audit }),
    );
    throw new AppError("BAD_REQUEST", "Invalid login credentials", { authCode: "invalid_credentials" });
  }
  await attempt.release();
  await asService(db, async (tx) => {
    await users.touchLastSignIn(tx, user.id);
    await recordAudit(tx, { event: "auth.sign_in", workspaceId, actorUserId: user.id, ...audit });
  });
  return issueSession(db, config, { ...user, last_sign_in_at: new Date().toISOString() }, meta);
}

/**
 * Rotation: each refresh token works once. GoTrue's reuse interval: presenting a spent token again within
 * REUSE_INTERVAL_SECONDS of its first use (parallel tabs, a drawer's parallel calls) gets a new token in
 * the same session; later, it is treated as theft and ends the whole session.
 */
export async function refreshSession(db: Db, config: AuthConfig, refreshToken: string, meta: RequestMeta) {
  const hash = await sha256Hex(refreshToken);
  const result = await asService(db, (tx) => users.spendRefreshToken(tx, hash));
  const row = result.row;
  if (!row) throw refreshTokenNotFound();
  if (!result.spent && !row.in_grace) {
    const ended = await asService(db, (tx) => users.deleteSessions(tx, row.user_id, "local", row.session_id));
    forgetSessions(ended);
    await recheckUserRooms(db, row.user_id);
    throw new AppError("BAD_REQUEST", "Invalid Refresh Token: Already Used", {
      authCode: "refresh_token_already_used",
    });
  }
  const user = await asService(db, (tx) => users.findUserById(tx, row.user_id));
  if (!user) throw refreshTokenNotFound();
  return issueSession(db, config, user, meta, row.session_id, hash);
}

export async function getUser(db: Db, userId: string) {
  const user = await asService(db, (tx) => users.findUserById(tx, userId));
  if (!user)
    throw new AppError("FORBIDDEN", "User from sub claim in JWT does not exist", { authCode: "user_not_found" });
  return userJson(user);
}

export async function signOut(
  db: Db,
  userId: string,
  sessionId: string | undefined,
  scope: "global" | "local" | "others",
  meta: RequestMeta,
) {
  const ended = await asService(db, async (tx) => {
    const ids = await users.deleteSessions(tx, userId, scope, sessionId);
    const workspaceId = await users.personalWorkspaceId(tx, userId);
    await recordAudit(tx, {
      event: "auth.sign_out",
      workspaceId,
      actorUserId: userId,
      ip: meta.ip,
      userAgent: meta.userAgent,
      details: { scope },
    });
    return ids;
  });
  forgetSessions(ended);
  await recheckUserRooms(db, userId); // the ended sessions' room sockets close now (decision 010)
}

/** PUT /user (supabase-js `updateUser`). E-mail changes apply at once: sign-ups are auto-confirmed here. */
export async function updateUser(
  db: Db,
  userId: string,
  input: { email?: string; password?: string; data?: Record<string, unknown> },
) {
  const current = await asService(db, (tx) => users.findUserById(tx, userId));
  if (!current)
    throw new AppError("FORBIDDEN", "User from sub claim in JWT does not exist", { authCode: "user_not_found" });
  let passwordHash: string | undefined;
  if (input.password !== undefined) {
    assertStrongPassword(input.password);
    if (await verifyPassword(input.password, current.encrypted_password)) {
      throw new AppError("VALIDATION_FAILED", "New password should be different from the old password.", {
        authCode: "same_password",
      });
    }
    passwordHash = await hashPassword(input.password);
  }
  const email = input.email && input.email.toLowerCase() !== current.email.toLowerCase() ? input.email : undefined;
  const emailTaken = () =>
    new AppError("VALIDATION_FAILED", "A user with this email address has already been registered", {
      authCode: "email_exists",
    });
  if (email && (await asService(db, (tx) => users.findUserByEmail(tx, email)))) throw emailTaken();
  const updated = await asService(db, (tx) =>
    users.updateUser(tx, userId, { email, passwordHash, metadata: input.data }),
  );
  if (!updated) throw emailTaken();
  return userJson(updated);
}
