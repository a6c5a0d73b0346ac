// What the audit log must show an owner: pipeline deletions, member removal, key creation and revocation,
// imports (start and end, also a failed one) and exports. Deleting a pipeline with cards is for owners/admins.
import { describe, expect, it } from "vitest";
import { SELF } from "cloudflare:test";
import { BASE, call, postJson } from "../support/api-client";
import { createUser } from "../support/auth";
import type { TestUser } from "../support/auth";
import { addCard, createLead, createPipeline, importFinished } from "../support/factories";

async function auditEvents(owner: TestUser, headers: Record<string, string> = owner.headers) {
  const res = await call("/api/audit-log?limit=200", { headers });
  expect(res.status).toBe(200);
  return res.body.entries as {
    event: string;
    subject: string | null;
    actorUserId: string | null;
    details: Record<string, unknown>;
  }[];
}

describe("audit log", () => {
  it("records pipeline deletion; a member may not delete a pipeline that has cards", async () => {
    const [owner, member] = await Promise.all([createUser("audit-owner"), createUser("audit-member")]);
    const invited = await postJson("/api/invitations", { email: member.email, role: "member" }, owner.headers);
    const accepted = await postJson("/api/invitations/accept", { token: invited.body.token }, member.headers);
    const asMember = { ...member.headers, "x-workspace-id": accepted.body.workspaceId as string };

    const full = await createPipeline(owner, "Full");
    const lead = await createLead(owner, { fullName: "Card Holder" });
    await addCard(owner, full.id, lead.id);
    const denied = await call(`/api/pipelines/${full.id}?force=true`, { method: "DELETE", headers: asMember });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe("FORBIDDEN");

    // An empty pipeline is anyone's to remove; a full one needs the owner (or an admin).
    const empty = await postJson("/api/pipelines", { name: "Empty" }, asMember);
    expect(
      (await call(`/api/pipelines/${empty.body.pipeline.id}`, { method: "DELETE", headers: asMember })).status,
    ).toBe(204);
    expect(
      (await call(`/api/pipelines/${full.id}?force=true`, { method: "DELETE", headers: owner.headers })).status,
    ).toBe(204);

    const entries = await auditEvents(owner);
    expect(
      entries.filter((e) => e.event === "pipeline.deleted").map((e) => [e.subject, e.actorUserId, e.details.cardCount]),
    ).toEqual(
      expect.arrayContaining([
        [full.id, owner.id, 1],
        [empty.body.pipeline.id, member.id, 0],
      ]),
    );
    // Removing the member is recorded too.
    expect((await call(`/api/members/${member.id}`, { method: "DELETE", headers: owner.headers })).status).toBe(204);
    expect((await auditEvents(owner)).some((e) => e.event === "member.removed" && e.subject === member.id)).toBe(true);
  });

  it("records key creation and revocation, imports from start to end (also failed ones) and exports", async () => {
    const owner = await createUser("audit-io");
    const key = await postJson("/api/api-keys", { name: "ci", scopes: ["read"] }, owner.headers);
    expect(
      (await call(`/api/api-keys/${key.body.apiKey.id}`, { method: "DELETE", headers: owner.headers })).status,
    ).toBe(200);

    const upload = (body: string) =>
      call("/api/imports", { method: "POST", headers: { ...owner.headers, "content-type": "text/csv" }, body });
    const good = await upload("Full name,Email\nAda Lovelace,ada@example.test\n");
    const bad = await upload(
      `Full name,Notes\nAda Lovelace,ok\nGrace Hopper,"never closed\n${"x,y\n".repeat(800_000)}`,
    );
    expect([good.status, bad.status]).toEqual([202, 202]);
    await importFinished(owner, good.body.import.id);
    await importFinished(owner, bad.body.import.id);
    const exported = await SELF.fetch(`${BASE}/api/leads/export.csv`, { headers: owner.headers });
    expect(exported.status).toBe(200);
    await exported.text();

    const entries = await auditEvents(owner);
    const seen = (event: string, subject?: string) =>
      entries.some((e) => e.event === event && (subject === undefined || e.subject === subject));
    expect(
      entries.map((e) => e.event),
      "events",
    ).toEqual(
      expect.arrayContaining([
        "api_key.created",
        "api_key.revoked",
        "import",
        "import.completed",
        "import.failed",
        "export",
      ]),
    );
    expect(seen("api_key.created", key.body.apiKey.id)).toBe(true);
    expect(seen("api_key.revoked", key.body.apiKey.id)).toBe(true);
    expect(seen("import", good.body.import.id)).toBe(true);
    expect(seen("import.completed", good.body.import.id)).toBe(true);
    expect(seen("import.failed", bad.body.import.id)).toBe(true);
    expect(seen("export")).toBe(true);
  }, 60_000);
});
