// `lead_updated {leadId, changes}` on the lead's topic (decision 016) comes from every service that changes a
// lead: an edit, the enrichment waterfall finishing, a card moving stage. Read from the outbox (decision 012).
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { call } from "../support/api-client";
import { createUser } from "../support/auth";
import { addCard, createLead, createPipeline, patchCard, workspaceOf } from "../support/factories";
import { eventually } from "../support/eventually";
import { testDb } from "../support/messaging-db";

async function leadUpdates(workspaceId: string, leadId: string) {
  const rows = await testDb().execute<{ payload: { leadId: string; changes: Record<string, unknown> } }>(
    sql`select payload from live_events where workspace_id = ${workspaceId} and topic = ${`lead-${leadId}`}
        and type = 'lead_updated' order by seq`,
  );
  return rows.map((r) => r.payload);
}

describe("lead_updated", () => {
  it("is raised by an edit, with the changed fields as the API shows them", async () => {
    const user = await createUser("lu-edit");
    const ws = await workspaceOf(user);
    const lead = await createLead(user);
    const res = await call(`/api/leads/${lead.id}`, {
      method: "PATCH",
      headers: { ...user.headers, "content-type": "application/json" },
      body: JSON.stringify({ jobTitle: "CTO", location: { city: "Berlin", country: "de" } }),
    });
    expect(res.status).toBe(200);
    expect(await leadUpdates(ws, lead.id)).toEqual([
      {
        leadId: lead.id,
        actorId: user.id,
        changes: { jobTitle: "CTO", location: { city: "Berlin", region: null, country: "DE" } },
      },
    ]);
  });

  it("is raised by a card moving stage", async () => {
    const user = await createUser("lu-card");
    const ws = await workspaceOf(user);
    const lead = await createLead(user);
    const pipeline = await createPipeline(user, "Deals");
    const card = await addCard(user, pipeline.id, lead.id);
    expect((await patchCard(user, card.id, { notes: "no move" })).status).toBe(200);
    expect(await leadUpdates(ws, lead.id)).toEqual([]);
    expect((await patchCard(user, card.id, { stage: "Contacted" })).status).toBe(200);
    expect(await leadUpdates(ws, lead.id)).toEqual([
      { leadId: lead.id, actorId: user.id, changes: { stage: "Contacted", pipelineId: pipeline.id } },
    ]);
  });

  it("is raised when enrichment fills the lead in", async () => {
    const user = await createUser("lu-enrich");
    const ws = await workspaceOf(user);
    const lead = await createLead(user, {
      fullName: "Jack Walker",
      email: "jack.walker@skyscaleagency.example",
      companyName: undefined,
    });
    expect((await call(`/api/leads/${lead.id}/enrich`, { method: "POST", headers: user.headers })).status).toBe(202);
    const [update] = await eventually(
      "the enrichment's lead_updated",
      async () => {
        const rows = await leadUpdates(ws, lead.id);
        return rows.length > 0 && rows;
      },
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    expect(update).toMatchObject({
      leadId: lead.id,
      actorId: null,
      changes: { companyName: "Skyscale Digital Inc.", location: { city: "New York", country: "US" } },
    });
    expect(update!.changes.enrichedAt).toEqual(expect.any(String));
  });
});
