// Opt-outs by hand or API (decision 016): POST /api/leads/:id/opt-out and GET /api/suppressions.
import { describe, expect, it } from "vitest";
import { call, postJson } from "../support/api-client";
import { createUser } from "../support/auth";
import { createApiKey, createLead, teammate } from "../support/factories";

const optOut = (headers: Record<string, string>, leadId: string, body?: object) =>
  call(`/api/leads/${leadId}/opt-out`, {
    method: "POST",
    headers: body ? { ...headers, "content-type": "application/json" } : headers,
    body: body ? JSON.stringify(body) : undefined,
  });

describe("opting a lead out", () => {
  it("suppresses every identity of the lead on every channel, once, and audits it", async () => {
    const owner = await createUser("sup-owner");
    const lead = await createLead(owner, {
      email: "Opt.Out@Example.com",
      phone: "+49 30 7654321",
      linkedinUrl: "https://www.linkedin.com/in/Opt-Out/",
      contactChannels: [{ channel: "instagram", handle: "@OptOut" }],
    });
    const first = await optOut(owner.headers, lead.id);
    expect(first.status).toBe(200);
    expect(first.body.added).toBe(5);
    const identities = first.body.suppressions.map((s: { identityKind: string; identityValue: string }) => [
      s.identityKind,
      s.identityValue,
    ]);
    expect(identities.sort()).toEqual(
      [
        ["email", "opt.out@example.com"],
        ["handle", "instagram:@optout"],
        ["handle", "linkedin:linkedin.com/in/opt-out"],
        ["lead", lead.id],
        ["phone", "+49307654321"],
      ].sort(),
    );
    expect(first.body.suppressions.every((s: { channel: unknown; source: string }) => s.channel === null)).toBe(true);
    expect(first.body.suppressions[0]).toMatchObject({ source: "manual", createdBy: owner.id });

    const again = await optOut(owner.headers, lead.id);
    expect(again.status).toBe(200);
    expect(again.body.added).toBe(0);
    expect(again.body.suppressions).toHaveLength(5);

    const audit = (await call("/api/audit-log?limit=50", { headers: owner.headers })).body.entries;
    expect(audit.filter((e: { event: string }) => e.event === "lead.opted_out")).toEqual([
      expect.objectContaining({ subject: lead.id, actorUserId: owner.id, details: { channel: null, identities: 5 } }),
    ]);
  });

  it("can suppress one channel only, with a reason", async () => {
    const owner = await createUser("sup-channel");
    const lead = await createLead(owner, { email: `one-${crypto.randomUUID()}@example.com` });
    const res = await optOut(owner.headers, lead.id, { channel: "whatsapp", reason: "Asked on the phone" });
    expect(res.status).toBe(200);
    expect(res.body.suppressions).toHaveLength(2);
    expect(res.body.suppressions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ identityKind: "email", channel: "whatsapp", reason: "Asked on the phone" }),
        expect.objectContaining({ identityKind: "lead", channel: "whatsapp", reason: "Asked on the phone" }),
      ]),
    );
    const list = await call("/api/suppressions?channel=instagram", { headers: owner.headers });
    expect(list.body.suppressions).toEqual([]);
    const whatsapp = await call("/api/suppressions?channel=whatsapp", { headers: owner.headers });
    expect(whatsapp.body.suppressions).toHaveLength(2);
  });

  it("refuses a read-only key (403) and answers 404 for a lead of another workspace", async () => {
    const owner = await createUser("sup-acl");
    const lead = await createLead(owner);
    const readKey = (await createApiKey(owner, ["read"])).key;
    const refused = await optOut({ "x-api-key": readKey }, lead.id);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("FORBIDDEN");

    const stranger = await createUser("sup-stranger");
    const foreign = await optOut(stranger.headers, lead.id);
    expect(foreign.status).toBe(404);
    expect(
      (await call(`/api/suppressions?leadId=${lead.id}`, { headers: stranger.headers })).body.suppressions,
    ).toEqual([]);
    // Nothing was suppressed by either attempt.
    expect((await call("/api/suppressions", { headers: owner.headers })).body.suppressions).toEqual([]);

    const writeKey = (await createApiKey(owner, ["read", "write"])).key;
    const byKey = await optOut({ "x-api-key": writeKey }, lead.id);
    expect(byKey.status).toBe(200);
    expect(byKey.body.suppressions[0].source).toBe("api");
  });

  it("is visible to teammates and pages newest first with a cursor", async () => {
    const owner = await createUser("sup-page");
    const mate = await teammate(owner);
    const leads = [];
    for (let i = 0; i < 3; i++) leads.push(await createLead(owner));
    for (const lead of leads) expect((await optOut(owner.headers, lead.id)).status).toBe(200);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { suppressions: { leadId: string }[]; nextCursor: string | null } } = await call(
        `/api/suppressions?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        { headers: mate.headers },
      );
      seen.push(...res.body.suppressions.map((s) => s.leadId));
      cursor = res.body.nextCursor;
    } while (cursor);
    // Leads without phone or e-mail: one suppression (the lead itself) each, the last one first.
    expect(seen).toEqual(leads.map((l) => l.id).reverse());

    const one = await call(`/api/suppressions?leadId=${leads[1]!.id}`, { headers: mate.headers });
    expect(one.body.suppressions.map((s: { leadId: string }) => s.leadId)).toEqual([leads[1]!.id]);
    expect((await call("/api/suppressions?cursor=nonsense", { headers: mate.headers })).status).toBe(422);
  });

  it("validates the body", async () => {
    const owner = await createUser("sup-valid");
    const lead = await createLead(owner);
    const bad = await postJson(`/api/leads/${lead.id}/opt-out`, { channel: "pigeon" }, owner.headers);
    expect(bad.status).toBe(422);
  });
});
