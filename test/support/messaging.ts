// Helpers for messaging tests: raw database access for what the API does not expose (sample-only leads,
// workspace settings), the Sandbox provider's own count of deliveries, and message polling.
import { SELF, env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import type { SandboxProvider } from "../../durable-objects/sandbox-provider";
import { BASE, postJson } from "./api-client";
import { testDb } from "./messaging-db";
import type { TestUser } from "./auth";
import { eventually } from "./eventually";

export { testDb } from "./messaging-db";
export { workspaceOf } from "./factories";

/** Makes a lead look as if it came only from the built-in sample data (fictional people). */
export async function markSampleOnly(leadId: string): Promise<void> {
  await testDb().execute(sql`update leads set source = 'sample', sources = '{sample}' where id = ${leadId}`);
}

export async function setMessagingSettings(
  workspaceId: string,
  s: { fallbackOrder?: string[]; quietStart?: number; quietEnd?: number; moveOnReply?: boolean },
): Promise<void> {
  await testDb().execute(sql`
    insert into messaging_settings (workspace_id, fallback_order, quiet_start, quiet_end, move_on_reply)
    values (${workspaceId}, ${`{${(s.fallbackOrder ?? ["whatsapp", "linkedin", "instagram", "facebook", "x"]).join(",")}}`}::text[],
            ${s.quietStart ?? 20}, ${s.quietEnd ?? 8}, ${s.moveOnReply ?? true})
    on conflict (workspace_id) do update set fallback_order = excluded.fallback_order,
      quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end, move_on_reply = excluded.move_on_reply`);
}

export function sandboxProvider(workspaceId: string): DurableObjectStub<SandboxProvider> {
  return env.SandboxProvider.getByName(workspaceId) as unknown as DurableObjectStub<SandboxProvider>;
}

export function send(user: TestUser, body: Record<string, unknown>) {
  return postJson("/api/messages/send", { idempotencyKey: crypto.randomUUID(), ...body }, user.headers);
}

/** The same request without the test client's OpenAPI response check (volume tests: the check costs CPU in the same isolate). */
export async function sendRaw(user: TestUser, body: Record<string, unknown>): Promise<{ status: number; id: string }> {
  const res = await SELF.fetch(`${BASE}/api/messages/send`, {
    method: "POST",
    headers: { ...user.headers, "content-type": "application/json" },
    body: JSON.stringify({ idempotencyKey: crypto.randomUUID(), ...body }),
  });
  const json = (await res.json()) as { message?: { id: string } };
  return { status: res.status, id: json.message?.id ?? "" };
}

export interface MessageRow {
  id: string;
  status: string;
  channel: string;
  error_code: string | null;
  provider_message_id: string | null;
  fallback_of: string | null;
  attempts: number;
  hold_until: Date | null;
}

export async function messageRow(id: string): Promise<MessageRow> {
  const rows = await testDb().execute(
    sql`select id, status, channel, error_code, provider_message_id, fallback_of, attempts, hold_until from messages where id = ${id}`,
  );
  return rows[0] as unknown as MessageRow;
}

/** Waits until the message reaches `status` (through the real queue, LeadRoom and Sandbox). */
export function messageReaches(id: string, status: string, timeoutMs = 8000): Promise<MessageRow> {
  return eventually(
    `message ${id} to be ${status}`,
    async () => {
      const row = await messageRow(id);
      return row?.status === status ? row : undefined;
    },
    { timeoutMs, intervalMs: 50 },
  );
}
