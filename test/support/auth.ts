// Factories for signed-in users, going through the embedded auth server exactly as supabase-js does.
import { SELF, env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { sha256Hex } from "../../workers/auth/crypto";
import { openDb } from "../../workers/db/client";
import { BASE } from "./api-client";

export interface TestUser {
  id: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  headers: Record<string, string>;
}

let anonKey: string | undefined;

export async function getAnonKey(): Promise<string> {
  if (!anonKey) {
    const res = await SELF.fetch(`${BASE}/api/auth/config`);
    anonKey = ((await res.json()) as { anonKey: string }).anonKey;
  }
  return anonKey;
}

export async function authRequest(path: string, body: unknown, extra: Record<string, string> = {}) {
  return SELF.fetch(`${BASE}/auth/v1${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", apikey: await getAnonKey(), ...extra },
    body: JSON.stringify(body),
  });
}

export function uniqueEmail(label = "user"): string {
  return `${label}-${crypto.randomUUID().slice(0, 8)}@example.test`;
}

export async function createUser(label = "user"): Promise<TestUser> {
  const email = uniqueEmail(label);
  const password = `pw-${crypto.randomUUID()}`;
  const res = await authRequest("/signup", { email, password });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const session = (await res.json()) as { access_token: string; refresh_token: string; user: { id: string } };
  return {
    id: session.user.id,
    email,
    password,
    accessToken: session.access_token,
    refreshToken: session.refresh_token,
    headers: { authorization: `Bearer ${session.access_token}` },
  };
}

/** Moves a spent refresh token's spend time into the past (instead of waiting out the reuse interval). */
export async function ageRefreshToken(refreshToken: string, seconds: number) {
  const { db } = openDb(env.HYPERDRIVE.connectionString);
  const hash = await sha256Hex(refreshToken);
  await db.execute(
    sql`update auth.refresh_tokens set updated_at = now() - make_interval(secs => ${seconds}) where token = ${hash}`,
  );
}
