import { describe, expect, it } from "vitest";
import { call, postJson } from "../support/api-client";
import { createUser } from "../support/auth";
import { createLead } from "../support/factories";

describe("POST /api/leads", () => {
  it("creates a lead with normalised identity fields", async () => {
    const user = await createUser("leads");
    const res = await postJson(
      "/api/leads",
      {
        fullName: "Ada Lovelace",
        companyName: "Analytical Engines",
        companyDomain: "https://www.Analytical.io/about",
        email: "Ada@Analytical.IO",
        phone: "0151 23456789",
        linkedinUrl: "https://www.linkedin.com/in/Ada-Lovelace/",
        location: { city: "Berlin", country: "de" },
        timezone: "Europe/Berlin",
        contactChannels: [{ channel: "linkedin", handle: "ada-lovelace" }],
        tags: ["Needs Paid Ads"],
      },
      user.headers,
    );
    expect(res.status).toBe(201);
    expect(res.body.merged).toBe(false);
    expect(res.body.lead).toMatchObject({
      fullName: "Ada Lovelace",
      companyDomain: "analytical.io",
      email: "ada@analytical.io",
      phone: "+4915123456789",
      linkedinUrl: "linkedin.com/in/ada-lovelace",
      location: { city: "Berlin", region: null, country: "DE" },
      mainChannel: "linkedin",
      sources: ["manual"],
    });
    const fetched = await call(`/api/leads/${res.body.lead.id}`, { headers: user.headers });
    expect(fetched.body.lead).toEqual(res.body.lead);
  });

  it.each([
    ["the same email in another case", { email: "GRACE@NAVY.MIL" }],
    ["the same LinkedIn profile written differently", { linkedinUrl: "linkedin.com/in/grace-hopper?utm=x" }],
    ["the same phone in national format", { phone: "(202) 555-0143", location: { country: "US" } }],
    ["the same name at the same company domain", { fullName: "GRACE  hopper", companyDomain: "navy.mil" }],
  ])("merges %s into the existing lead instead of duplicating it", async (_name, duplicate) => {
    const user = await createUser("dedupe");
    const original = await postJson(
      "/api/leads",
      {
        fullName: "Grace Hopper",
        email: "grace@navy.mil",
        linkedinUrl: "https://linkedin.com/in/grace-hopper",
        phone: "+1 202 555 0143",
        companyDomain: "navy.mil",
      },
      user.headers,
    );
    const again = await postJson(
      "/api/leads",
      { fullName: "Grace Hopper", jobTitle: "Rear Admiral", tags: ["COBOL"], ...duplicate },
      user.headers,
    );
    expect(again.status).toBe(200);
    expect(again.body.merged).toBe(true);
    expect(again.body.lead.id).toBe(original.body.lead.id);
    expect(again.body.lead).toMatchObject({ jobTitle: "Rear Admiral", email: "grace@navy.mil", tags: ["COBOL"] });
  });

  it("keeps different people apart, also across workspaces", async () => {
    const [alice, bob] = [await createUser("alice"), await createUser("bob")];
    const a = await postJson("/api/leads", { fullName: "Sam Smith", email: "sam@a.com" }, alice.headers);
    const b = await postJson("/api/leads", { fullName: "Sam Smith", email: "sam@b.com" }, alice.headers);
    const other = await postJson("/api/leads", { fullName: "Sam Smith", email: "sam@a.com" }, bob.headers);
    expect([a.status, b.status, other.status]).toEqual([201, 201, 201]);
    expect(new Set([a.body.lead.id, b.body.lead.id, other.body.lead.id]).size).toBe(3);
    expect((await call(`/api/leads/${a.body.lead.id}`, { headers: bob.headers })).status).toBe(404);
  });

  it("stores one lead when the same person is saved ten times at once", async () => {
    const user = await createUser("race");
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        postJson("/api/leads", { fullName: "Linus T", email: "linus@kernel.org" }, user.headers),
      ),
    );
    expect(results.map((r) => r.status).filter((s) => s === 201)).toHaveLength(1);
    expect(new Set(results.map((r) => r.body.lead.id)).size).toBe(1);
  });

  it.each([
    [{ fullName: "X", phone: "12" }, "phone"],
    [{ fullName: "X", timezone: "Mars/Olympus" }, "timezone"],
    [{ fullName: "X", linkedinUrl: "https://example.com/ada" }, "linkedinUrl"],
    [{ fullName: "" }, "fullName"],
    [{ fullName: "X", contactChannels: [{ channel: "fax", handle: "1" }] }, "contactChannels.0.channel"],
  ])("rejects %j with a field error on %s", async (body, field) => {
    const user = await createUser("leadvalidation");
    const res = await postJson("/api/leads", body, user.headers);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.details.fields)).toContain(field);
  });
});

describe("GET /api/leads", () => {
  it("lists the workspace's leads newest first, filters them, pages with a cursor and hides other workspaces'", async () => {
    const user = await createUser("leads-list");
    const other = await createUser("leads-list-other");
    const a = await createLead(user, { fullName: "Anna Berg", location: { country: "DE" }, industry: "software" });
    const b = await createLead(user, { fullName: "Bruno Costa", location: { country: "BR" }, industry: "retail" });
    const c = await createLead(user, { fullName: "Chiara Conti", location: { country: "DE" }, industry: "software" });
    await createLead(other, { fullName: "Anna Berg" });
    const all = await call("/api/leads?limit=2", { headers: user.headers });
    expect(all.body.leads.map((l: { id: string }) => l.id)).toEqual([c.id, b.id]);
    const rest = await call(`/api/leads?limit=2&cursor=${all.body.nextCursor}`, { headers: user.headers });
    expect(rest.body).toEqual({ leads: [expect.objectContaining({ id: a.id })], nextCursor: null });
    const german = await call("/api/leads?country=de&industry=software", { headers: user.headers });
    expect(german.body.leads.map((l: { id: string }) => l.id)).toEqual([c.id, a.id]);
    const search = await call("/api/leads?q=bruno", { headers: user.headers });
    expect(search.body.leads.map((l: { id: string }) => l.id)).toEqual([b.id]);
    expect((await call("/api/leads?minScore=101", { headers: user.headers })).status).toBe(422);
  });
});

describe("PATCH /api/leads/:id", () => {
  it("edits fields with the same normalisation as create, and refuses a key another lead owns", async () => {
    const user = await createUser("leads-patch");
    const lead = await createLead(user, { fullName: "Dora Diaz" });
    const taken = await createLead(user, { fullName: "Eve Early", email: "eve@early.example" });
    const res = await call(`/api/leads/${lead.id}`, {
      method: "PATCH",
      headers: { ...user.headers, "content-type": "application/json" },
      body: JSON.stringify({ email: "Dora@Diaz.Example", companyDomain: "https://www.diaz.example/x", tags: ["VIP"] }),
    });
    expect(res.status).toBe(200);
    expect(res.body.lead).toMatchObject({
      id: lead.id,
      fullName: "Dora Diaz",
      email: "dora@diaz.example",
      companyDomain: "diaz.example",
      tags: ["VIP"],
    });
    const clash = await call(`/api/leads/${lead.id}`, {
      method: "PATCH",
      headers: { ...user.headers, "content-type": "application/json" },
      body: JSON.stringify({ email: "EVE@early.example" }),
    });
    expect(clash.status).toBe(409);
    expect((await call(`/api/leads/${lead.id}`, { headers: user.headers })).body.lead.email).toBe("dora@diaz.example");
    expect(
      (
        await call(`/api/leads/${taken.id}`, {
          method: "PATCH",
          headers: { ...user.headers, "content-type": "application/json" },
          body: "{}",
        })
      ).status,
    ).toBe(422);
  });
});

describe("POST /api/leads/:id/enrich", () => {
  it("queues the waterfall (202) and the lead gains the missing fields without losing its own", async () => {
    const user = await createUser("leads-enrich");
    // A person the built-in sample source knows, entered by hand with almost nothing.
    const lead = await createLead(user, {
      fullName: "Jack Walker",
      email: "jack.walker@skyscaleagency.example",
      jobTitle: "Agency Owner",
      companyName: undefined,
    });
    const res = await call(`/api/leads/${lead.id}/enrich`, { method: "POST", headers: user.headers });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ leadId: lead.id, job: { type: "lead.enrich", status: "queued" } });
    let enriched: Record<string, any> | undefined;
    for (let i = 0; i < 80 && !enriched; i++) {
      const now = (await call(`/api/leads/${lead.id}`, { headers: user.headers })).body.lead;
      if (now.enrichedAt) enriched = now;
      else await new Promise((r) => setTimeout(r, 100));
    }
    expect(enriched, "enrichment finished").toBeDefined();
    expect(enriched).toMatchObject({
      jobTitle: "Agency Owner",
      companyName: "Skyscale Digital Inc.",
      industry: "marketing_agency",
      companySize: 26,
      location: { city: "New York", country: "US" },
      timezone: "America/New_York",
    });
    expect(enriched!.sources).toEqual(["manual", "sample"]);
  });

  it("answers 404 for a lead of another workspace and queues nothing", async () => {
    const owner = await createUser("leads-enrich-owner");
    const stranger = await createUser("leads-enrich-stranger");
    const lead = await createLead(owner, { fullName: "Private Person" });
    expect((await call(`/api/leads/${lead.id}/enrich`, { method: "POST", headers: stranger.headers })).status).toBe(
      404,
    );
  });
});
