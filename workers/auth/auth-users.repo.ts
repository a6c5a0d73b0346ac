// Queries on the `auth` schema the embedded auth server owns (the shim from the auth migration).
import { sql } from "drizzle-orm";
import type { Queryable } from "../db/tenant";

export interface AuthUserRow {
  id: string;
  email: string;
  encrypted_password: string | null;
  email_confirmed_at: string | null;
  last_sign_in_at: string | null;
  raw_user_meta_data: Record<string, unknown> | null;
  created_at: string;
  updated_at: string;
}

const USER_COLUMNS = sql.raw(
  "id, email, encrypted_password, email_confirmed_at, last_sign_in_at, raw_user_meta_data, created_at, updated_at",
);

async function first<T>(db: Queryable, query: ReturnType<typeof sql>): Promise<T | undefined> {
  const rows = (await db.execute(query)) as unknown as T[];
  return rows[0];
}

export function findUserByEmail(db: Queryable, email: string) {
  return first<AuthUserRow>(db, sql`select ${USER_COLUMNS} from auth.users where lower(email) = lower(${email})`);
}

export function findUserById(db: Queryable, id: string) {
  return first<AuthUserRow>(db, sql`select ${USER_COLUMNS} from auth.users where id = ${id}`);
}

/** Returns undefined when the email is taken (the unique index decides, so concurrent sign-ups are safe). */
export function insertUser(
  db: Queryable,
  email: string,
  passwordHash: string | null,
  metadata: Record<string, unknown>,
) {
  return first<AuthUserRow>(
    db,
    sql`insert into auth.users (email, encrypted_password, email_confirmed_at, raw_user_meta_data, raw_app_meta_data)
        values (${email}, ${passwordHash}, now(), ${JSON.stringify(metadata)}::jsonb, '{"provider":"email","providers":["email"]}'::jsonb)
        on conflict do nothing
        returning ${USER_COLUMNS}`,
  );
}

/** A verified e-mail link proves the address; it is also a sign-in. */
export async function confirmAndTouch(db: Queryable, userId: string) {
  await db.execute(
    sql`update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()), last_sign_in_at = now(), updated_at = now() where id = ${userId}`,
  );
}

/**
 * PUT /user. Returns undefined when the new e-mail belongs to someone else (the unique index decides).
 * `metadata` is merged into user_metadata the way GoTrue does: keys set to null are removed.
 */
export async function updateUser(
  db: Queryable,
  userId: string,
  changes: { email?: string; passwordHash?: string; metadata?: Record<string, unknown> },
) {
  const nulls = Object.entries(changes.metadata ?? {})
    .filter(([, v]) => v === null)
    .map(([k]) => k);
  const sets = Object.fromEntries(Object.entries(changes.metadata ?? {}).filter(([, v]) => v !== null));
  try {
    return await first<AuthUserRow>(
      db,
      sql`update auth.users set
            email = coalesce(${changes.email ?? null}, email),
            encrypted_password = coalesce(${changes.passwordHash ?? null}, encrypted_password),
            raw_user_meta_data = (coalesce(raw_user_meta_data, '{}'::jsonb) || ${JSON.stringify(sets)}::jsonb)
              - array(select jsonb_array_elements_text(${JSON.stringify(nulls)}::jsonb)),
            updated_at = now()
          where id = ${userId}
          returning ${USER_COLUMNS}`,
    );
  } catch (err) {
    if ((err as { code?: string }).code === "23505") return undefined;
    throw err;
  }
}

export async function touchLastSignIn(db: Queryable, userId: string) {
  await db.execute(sql`update auth.users set last_sign_in_at = now(), updated_at = now() where id = ${userId}`);
}

export async function createSession(db: Queryable, userId: string): Promise<string> {
  const row = await first<{ id: string }>(db, sql`insert into auth.sessions (user_id) values (${userId}) returning id`);
  return row!.id;
}

/** Returns false when the session is gone (signed out meanwhile), so a late refresh cannot revive it. */
export async function insertRefreshToken(
  db: Queryable,
  tokenHash: string,
  userId: string,
  sessionId: string,
  parent: string | null,
) {
  const row = await first<{ id: string }>(
    db,
    sql`insert into auth.refresh_tokens (token, user_id, session_id, parent)
        select ${tokenHash}, ${userId}, id, ${parent} from auth.sessions where id = ${sessionId}
        returning id`,
  );
  if (row) await db.execute(sql`update auth.sessions set updated_at = now() where id = ${sessionId}`);
  return row !== undefined;
}

export interface RefreshTokenRow {
  user_id: string;
  session_id: string;
  revoked: boolean;
  /** Spent less than REUSE_INTERVAL_SECONDS ago: a concurrent refresh, not a stolen token. */
  in_grace: boolean;
}

/** GoTrue's `security.refresh_token_reuse_interval` default. */
export const REUSE_INTERVAL_SECONDS = 10;

/** Atomically spends a refresh token: only one concurrent caller gets `spent: true`. */
export async function spendRefreshToken(db: Queryable, tokenHash: string) {
  const spent = await first<RefreshTokenRow>(
    db,
    sql`update auth.refresh_tokens set revoked = true, updated_at = now()
        where token = ${tokenHash} and revoked = false returning user_id, session_id, revoked, true as in_grace`,
  );
  if (spent) return { spent: true as const, row: spent };
  const existing = await first<RefreshTokenRow>(
    db,
    sql`select user_id, session_id, revoked,
               updated_at > clock_timestamp() - make_interval(secs => ${REUSE_INTERVAL_SECONDS}) as in_grace
        from auth.refresh_tokens where token = ${tokenHash}`,
  );
  return { spent: false as const, row: existing };
}

/** Deletes the sessions (their refresh tokens cascade) and returns their ids for the revocation cache. */
export async function deleteSessions(
  db: Queryable,
  userId: string,
  scope: "global" | "local" | "others",
  sessionId?: string,
) {
  const rows = (await db.execute(
    scope === "global"
      ? sql`delete from auth.sessions where user_id = ${userId} returning id`
      : scope === "local"
        ? sql`delete from auth.sessions where user_id = ${userId} and id = ${sessionId ?? null} returning id`
        : sql`delete from auth.sessions where user_id = ${userId} and id <> ${sessionId ?? null} returning id`,
  )) as unknown as { id: string }[];
  return rows.map((r) => r.id);
}

export async function sessionExists(db: Queryable, sessionId: string): Promise<boolean> {
  const row = await first<{ id: string }>(db, sql`select id from auth.sessions where id = ${sessionId}`);
  return row !== undefined;
}

export function personalWorkspaceId(db: Queryable, userId: string) {
  return first<{ id: string }>(
    db,
    sql`select id from public.workspaces where created_by = ${userId} and personal order by created_at limit 1`,
  ).then((row) => row?.id ?? null);
}
