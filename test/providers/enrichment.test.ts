import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { FAKE_CLEARBIT_KEY } from "../fakes/fake-keys";
import { call } from "../support/api-client";
import { createUser } from "../support/auth";
import type { TestUser } from "../support/auth";
import { createLead } from "../support/factories";

async function enrich(user: TestUser, id: string) {
  const res = await call(`/api/leads/${id}/enrich`, { method: "POST", headers: user.headers });
  expect(res.status).toBe(202);
  for (let i = 0; i < 100; i++) {
    const lead = (await call(`/api/leads/${id}`, { headers: user.headers })).body.lead;
    if (lead.enrichedAt) return lead;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("enrichment did not finish");
}

/** How often the Clearbit fake was asked about `email` (its test-only endpoint). */
async function clearbitLookups(email: string): Promise<number> {
  const base = env.CLEARBIT_PERSON_URL.replace(/\/person\/v2$/, "");
  const res = await fetch(`${base}/_requests?email=${encodeURIComponent(email)}`, {
    headers: { authorization: `Bearer ${FAKE_CLEARBIT_KEY}` },
  });
  return ((await res.json()) as { count: number }).count;
}

describe("enrichment waterfall with providers configured", () => {
  it("asks Apollo first by e-mail and records where every filled field came from", async () => {
    const user = await createUser("waterfall-apollo");
    const lead = await createLead(user, {
      fullName: "Reem Khalil",
      email: "reem.khalil@brightcoreacademy.example",
      companyName: undefined,
      jobTitle: undefined,
    });
    const done = await enrich(user, lead.id);
    expect(done).toMatchObject({
      jobTitle: "HR Director",
      companyName: "Brightcore Institute LLC",
      companyDomain: "brightcoreacademy.example",
      industry: "education",
      companySize: 1416,
      location: { city: "Sharjah", country: "AE" },
      linkedinUrl: expect.stringContaining("linkedin.com/in/"),
    });
    expect(done.provenance).toMatchObject({
      jobTitle: ["apollo"],
      companyName: ["apollo"],
      industry: ["apollo"],
      country: ["apollo"],
    });
    expect(done.sources).toEqual(["manual", "apollo", "clearbit"]);
  });

  it("falls through to Clearbit's company lookup when Apollo cannot match the person", async () => {
    const user = await createUser("waterfall-clearbit");
    const lead = await createLead(user, {
      fullName: "Someone New",
      companyDomain: "cedarscaleapparel.example",
      companyName: undefined,
      jobTitle: "Buyer",
    });
    const done = await enrich(user, lead.id);
    expect(done).toMatchObject({
      jobTitle: "Buyer",
      companyName: "Cedarscale Fashion Inc.",
      industry: "fashion",
      companySize: 202,
      annualRevenue: 30_000_000,
      location: { city: "Detroit", region: "Michigan", country: "US" },
      timezone: "America/Detroit",
    });
    expect(done.provenance).toMatchObject({ companyName: ["clearbit"], companySize: ["clearbit"] });
  });

  it("keeps a lead pending while Clearbit has the lookup queued (202), and asks again until it answers", async () => {
    const user = await createUser("waterfall-queued");
    // The fake answers 202 to the first lookup of a `queued.` address and the person's record to the next one.
    const email = "queued.reem.khalil@brightcoreacademy.example";
    const lead = await createLead(user, {
      fullName: "Queued Person",
      email,
      companyName: undefined,
      jobTitle: undefined,
    });
    const done = await enrich(user, lead.id);
    expect(await clearbitLookups(email)).toBe(2);
    expect(done).toMatchObject({
      fullName: "Queued Person",
      companyName: "Brightcore Institute LLC",
      jobTitle: "HR Director",
    });
    expect(done.provenance).toMatchObject({ companyName: ["clearbit"], jobTitle: ["clearbit"] });
  });

  it("refuses to generate with an enrichment-only source, and says why", async () => {
    const user = await createUser("clearbit-generate");
    const res = await call("/api/lead-requests", {
      method: "POST",
      headers: { ...user.headers, "content-type": "application/json" },
      body: JSON.stringify({ description: "CEOs in Spain", sources: ["clearbit", "sample"] }),
    });
    expect(res.status).toBe(201);
    expect(res.body.request.sources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "clearbit", status: "skipped", error: expect.stringMatching(/only enriches/) }),
      ]),
    );
  });
});
