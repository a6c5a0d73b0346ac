// The tenant boundary is enforced by Postgres: the same queries the API makes, run directly as
// `authenticated` with another user's claims, see nothing and cannot write.
import { env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDb } from "../../workers/db/client";
import { asUser } from "../../workers/db/tenant";
import type { DbClaims } from "../../workers/db/tenant";
import { call } from "../support/api-client";
import { createUser } from "../support/auth";

const db = () => openDb(env.HYPERDRIVE.connectionString).db;
const claims = (sub: string): DbClaims => ({ sub, role: "authenticated", aud: "authenticated" });

async function workspaceOf(headers: Record<string, string>): Promise<string> {
  return (await call("/api/me", { headers })).body.workspace.id;
}

/** A lead and a pipeline card in the owner's workspace, written through RLS as the owner. */
async function seedWorkspace(userId: string, workspaceId: string) {
  return asUser(db(), claims(userId), async (tx) => {
    const [lead] = (await tx.execute(
      sql`insert into leads (workspace_id, user_id, created_by, full_name) values (${workspaceId}, ${userId}, ${userId}, 'Ada Lovelace') returning id`,
    )) as unknown as { id: string }[];
    const [pipeline] = (await tx.execute(
      sql`insert into pipelines (workspace_id, user_id, created_by, name) values (${workspaceId}, ${userId}, ${userId}, 'Main') returning id`,
    )) as unknown as { id: string }[];
    await tx.execute(
      sql`insert into crm_pipelines (workspace_id, user_id, created_by, pipeline_id, lead_id, rank) values (${workspaceId}, ${userId}, ${userId}, ${pipeline!.id}, ${lead!.id}, 'a0')`,
    );
    return { leadId: lead!.id, pipelineId: pipeline!.id };
  });
}

const TENANT_TABLES = ["workspaces", "workspace_members", "leads", "pipelines", "crm_pipelines", "lead_requests", "api_keys", "audit_log", "workspace_invitations", "dead_letter_jobs", "pipeline_card_notes", "pipeline_card_events"];

describe("row-level security between two workspaces", () => {
  it("shows the owner their rows and the other user none of them, table by table", async () => {
    const [alice, mallory] = [await createUser("alice"), await createUser("mallory")];
    const aliceWs = await workspaceOf(alice.headers);
    await seedWorkspace(alice.id, aliceWs);

    for (const table of TENANT_TABLES) {
      const column = table === "workspaces" ? "id" : "workspace_id";
      const count = (sub: string) =>
        asUser(db(), claims(sub), async (tx) => {
          const [row] = (await tx.execute(sql`select count(*)::int as n from ${sql.identifier(table)} where ${sql.identifier(column)} = ${aliceWs}`)) as unknown as { n: number }[];
          return row!.n;
        });
      expect(await count(mallory.id), `${table} seen by mallory`).toBe(0);
      if (["workspaces", "workspace_members", "leads", "pipelines", "crm_pipelines"].includes(table)) {
        expect(await count(alice.id), `${table} seen by alice`).toBeGreaterThan(0);
      }
    }
  });

  it("refuses writes into another workspace and leaves the owner's rows untouched", async () => {
    const [alice, mallory] = [await createUser("alice"), await createUser("mallory")];
    const aliceWs = await workspaceOf(alice.headers);
    const { leadId } = await seedWorkspace(alice.id, aliceWs);

    const asMallory = (query: ReturnType<typeof sql>) => asUser(db(), claims(mallory.id), (tx) => tx.execute(query));
    const policyError = (e: Error) => String((e.cause as Error | undefined)?.message ?? e.message);

    const planted = await asMallory(sql`insert into leads (workspace_id, user_id, full_name) values (${aliceWs}, ${mallory.id}, 'Planted')`).catch((e: Error) => e);
    expect(policyError(planted as Error)).toMatch(/row-level security/);
    const joined = await asMallory(sql`insert into workspace_members (workspace_id, user_id, role) values (${aliceWs}, ${mallory.id}, 'owner')`).catch((e: Error) => e);
    expect(policyError(joined as Error)).toMatch(/row-level security/);
    expect(await asMallory(sql`update leads set full_name = 'Hijacked' where id = ${leadId} returning id`)).toHaveLength(0);
    expect(await asMallory(sql`delete from leads where id = ${leadId} returning id`)).toHaveLength(0);

    const [lead] = await asUser(db(), claims(alice.id), (tx) => tx.execute(sql`select full_name from leads where id = ${leadId}`));
    expect(lead).toEqual({ full_name: "Ada Lovelace" });
  });

  it("lets a member read the workspace but not its audit log", async () => {
    const [owner, member] = [await createUser("owner"), await createUser("member")];
    const ws = await workspaceOf(owner.headers);
    await asUser(db(), claims(owner.id), (tx) =>
      tx.execute(sql`insert into workspace_members (workspace_id, user_id, role) values (${ws}, ${member.id}, 'member')`),
    );
    const me = await call("/api/me", { headers: { ...member.headers, "x-workspace-id": ws } });
    expect(me.body.workspace).toMatchObject({ id: ws, role: "member" });
    const audit = await call("/api/audit-log", { headers: { ...member.headers, "x-workspace-id": ws } });
    expect(audit.status).toBe(403);
    expect(audit.body.error.code).toBe("FORBIDDEN");
  });
});
