// Driving the X channel in tests: the local X fake's control API (test/fakes/x-api-fake.ts), the account's Durable
// Object, and connecting an account by clicking through the OAuth redirects as a browser would.
import { env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { expect } from "vitest";
import type { XAccount } from "../../durable-objects/x-account";
import { BASE, call } from "./api-client";
import type { TestUser } from "./auth";
import { eventually } from "./eventually";
import { workspaceOf } from "./factories";
import { testDb } from "./messaging-db";

export interface Connected {
  accountId: string;
  xUserId: string;
  ws: string;
}

export const fake = (path: string, init?: RequestInit) =>
  fetch(`${env.X_API_URL}${path}`, init).then((r) => r.json()) as any;
export const fakeUser = (xUserId: string) =>
  fake(`/_fake/users/${xUserId}`) as Promise<{
    refreshes: number;
    reads: number;
    sends: { participantId: string; dmEventId: string }[];
  }>;
export const xAccount = (accountId: string) =>
  env.XAccount.getByName(accountId) as unknown as DurableObjectStub<XAccount>;

/** Clicks through: our connect URL → the fake's authorize page → our callback, as the browser would. */
export async function authorizeAndReturn(owner: TestUser, extra: Record<string, string> = {}) {
  const start = await call("/api/channels/x/connect", { method: "POST", headers: owner.headers });
  expect(start.status).toBe(200);
  const url = new URL(start.body.url);
  expect(Object.fromEntries(url.searchParams)).toMatchObject({
    response_type: "code",
    redirect_uri: `${BASE}/api/channels/x/callback`,
    scope: "dm.write dm.read tweet.read users.read offline.access",
    code_challenge_method: "S256",
  });
  for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v);
  const authorized = await fetch(url, { redirect: "manual" });
  expect(authorized.status).toBe(302);
  const back = new URL(authorized.headers.get("location")!);
  const callback = `${back.pathname}${back.search}`;
  const res = await call(callback, { headers: owner.headers, redirect: "manual" });
  return { res, callback };
}

export async function connectX(owner: TestUser, extra: Record<string, string> = {}): Promise<Connected> {
  const { res } = await authorizeAndReturn(owner, extra);
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toBe("/dashboard/channels?connected=x");
  const ws = await workspaceOf(owner);
  const [row] = await testDb().execute(
    sql`select id, external_id from channel_accounts where workspace_id = ${ws} and channel = 'x' order by created_at desc limit 1`,
  );
  return { accountId: row!.id as string, xUserId: row!.external_id as string, ws };
}

export const accountRow = async (id: string) =>
  (await testDb().execute(sql`select * from channel_accounts where id = ${id}`))[0] as Record<string, unknown>;

export async function fallbackOf(id: string) {
  return eventually(`fallback of ${id}`, async () => {
    const [row] = await testDb().execute(sql`select id, channel from messages where fallback_of = ${id}`);
    return row as { id: string; channel: string } | undefined;
  });
}
