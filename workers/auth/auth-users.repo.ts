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
export function insertUser(db: Queryable, email: string, passwordHash: string, metadata: Record<string, unknown>) {
  return first<AuthUserRow>(
    db,
    sql`insert into auth.users (email, encrypted_password, email_confirmed_at, raw_user_meta_data, raw_app_meta_data)
        values (${email}, ${passwordHash}, now(), ${JSON.stringify(metadata)}::jsonb, '{"provider":"email","providers":["email"]}'::jsonb)
        on conflict do nothing
        returning ${USER_COLUMNS}`,
  );
}

export async function touchLastSignIn(db: Queryable, userId: string) {
  await db.execute(sql`update auth.users set last_sign_in_at = now(), updated_at = now() where id = ${userId}`);
}

export async function createSession(db: Queryable, userId: string): Promise<string> {
  const row = await first<{ id: string }>(db, sql`insert into auth.sessions (user_id) values (${userId}) returning id`);
  return row!.id;
}

export async function insertRefreshToken(db: Queryable, tokenHash: string, userId: string, sessionId: string, parent: string | null) {
  await db.execute(
    sql`insert into auth.refresh_tokens (token, user_id, session_id, parent) values (${tokenHash}, ${userId}, ${sessionId}, ${parent})`,
  );
}

export interface RefreshTokenRow {
  user_id: string;
  session_id: string;
  revoked: boolean;
}

/** Atomically spends a refresh token: only one concurrent caller gets `spent: true`. */
export async function spendRefreshToken(db: Queryable, tokenHash: string) {
  const spent = await first<RefreshTokenRow>(
    db,
    sql`update auth.refresh_tokens set revoked = true, updated_at = now()
        where token = ${tokenHash} and revoked = false returning user_id, session_id, revoked`,
  );
  if (spent) return { spent: true as const, row: spent };
  const existing = await first<RefreshTokenRow>(
    db,
    sql`select user_id, session_id, revoked from auth.refresh_tokens where token = ${tokenHash}`,
  );
  return { spent: false as const, row: existing };
}

export async function deleteSessions(db: Queryable, userId: string, scope: "global" | "local" | "others", sessionId?: string) {
  if (scope === "global") await db.execute(sql`delete from auth.sessions where user_id = ${userId}`);
  else if (scope === "local") await db.execute(sql`delete from auth.sessions where user_id = ${userId} and id = ${sessionId ?? null}`);
  else await db.execute(sql`delete from auth.sessions where user_id = ${userId} and id <> ${sessionId ?? null}`);
}

export function personalWorkspaceId(db: Queryable, userId: string) {
  return first<{ id: string }>(
    db,
    sql`select id from public.workspaces where created_by = ${userId} and personal order by created_at limit 1`,
  ).then((row) => row?.id ?? null);
}
