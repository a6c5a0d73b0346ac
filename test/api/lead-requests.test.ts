import { SELF, env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { openDb } from "../../workers/db/client";
import { asService } from "../../workers/db/tenant";
import { describe, expect, it } from "vitest";
import { BASE, call, postJson } from "../support/api-client";
import { createUser } from "../support/auth";
import { createLead } from "../support/factories";
import { parseEventStream } from "../support/event-stream";

const DESCRIPTION =
  "Heads of marketing at 50–500 person SaaS companies in Germany who need paid ads, reachable on LinkedIn";

const LEAD_FIELDS = [
  "id",
  "fullName",
  "companyName",
  "companyDomain",
  "jobTitle",
  "seniority",
  "industry",
  "companySize",
  "annualRevenue",
  "timezone",
  "mainChannel",
  "score",
  "requestId",
];

describe("POST /api/lead-requests (no keys: sample source)", () => {
  it("returns 20–30 leads that satisfy every hard filter, fully filled and explained, labelled sample", async () => {
    const user = await createUser("gen");
    const res = await postJson("/api/lead-requests", { description: DESCRIPTION }, user.headers);
    expect(res.status).toBe(201);
    const { request, leads } = res.body;
    expect(request).toMatchObject({ status: "completed", limit: 25 });
    expect(request.icp).toMatchObject({
      roles: ["Head of Marketing"],
      industries: ["software"],
      companySize: { min: 50, max: 500 },
      channels: ["linkedin"],
      needs: ["paid_ads"],
    });
    expect(request.icp.locations[0]).toMatchObject({
      kind: "country",
      countries: ["DE"],
      timezones: expect.arrayContaining(["Europe/Berlin"]),
    });
    expect(request.sources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "sample", status: "ok" }),
        expect.objectContaining({ name: "lists", status: "ok" }),
      ]),
    );
    expect(leads.length).toBeGreaterThanOrEqual(20);
    expect(leads.length).toBeLessThanOrEqual(30);
    for (const [i, lead] of leads.entries()) {
      for (const field of LEAD_FIELDS) expect(lead[field], `${field} of lead ${i}`).not.toBeNull();
      expect(lead.rank).toBe(i + 1);
      expect(lead.location.country).toBe("DE");
      expect(lead.companySize).toBeGreaterThanOrEqual(50);
      expect(lead.companySize).toBeLessThanOrEqual(500);
      expect(lead.location.city).toBeTruthy();
      expect(lead.sources).toContain("sample");
      expect(lead.contactChannels.length).toBeGreaterThan(0);
      expect(lead.tags.length).toBeGreaterThan(0);
      expect(lead.suggestedServices.length).toBeGreaterThan(0);
      expect(lead.scoreReasons.length).toBeGreaterThan(0);
      expect(Object.keys(lead.scoreBreakdown)).toEqual(
        expect.arrayContaining(["role", "industry", "location", "companySize", "needs", "channel"]),
      );
      expect(lead.bestContactTime).toMatchObject({
        timezone: lead.timezone,
        localWindow: expect.stringMatching(/^\d\d:\d\d-\d\d:\d\d$/),
      });
      expect(Date.parse(lead.bestContactTime.nextSlotUtc)).toBeGreaterThan(Date.now());
      expect(lead.requestId).toBe(request.id);
      if (i > 0) expect(lead.score).toBeLessThanOrEqual(leads[i - 1].score);
    }
    // The best leads work in marketing, and the explanation names the role match.
    for (const lead of leads.slice(0, 5)) expect(lead.jobTitle).toMatch(/Marketing/);
    expect(
      leads.some((l: { scoreReasons: string[] }) => l.scoreReasons.some((r) => /role you asked for/.test(r))),
    ).toBe(true);
    // Stored: each lead can be fetched, and the request can be re-opened with the same order.
    const again = await call(`/api/lead-requests/${request.id}`, { headers: user.headers });
    expect(again.body.leads.map((l: { id: string }) => l.id)).toEqual(leads.map((l: { id: string }) => l.id));
    const one = await call(`/api/leads/${leads[0].id}`, { headers: user.headers });
    expect(one.body.lead).toMatchObject({ id: leads[0].id, score: leads[0].score, sources: ["sample"] });
  });

  it("prefers the requested channel as main channel and explains the fallback when a lead lacks it", async () => {
    const user = await createUser("gen-channel");
    const res = await postJson(
      "/api/lead-requests",
      { description: "Owners of restaurants and cafes in Spain", filters: { channel: "whatsapp" }, limit: 20 },
      user.headers,
    );
    expect(res.status).toBe(201);
    expect(res.body.leads.length).toBe(20);
    for (const lead of res.body.leads) {
      const has = lead.contactChannels.some((c: { channel: string }) => c.channel === "whatsapp");
      if (has) expect(lead.mainChannel).toBe("whatsapp");
      else expect(lead.mainChannelReason).toMatch(/^Not on WhatsApp/);
      expect(lead.location.country).toBe("ES");
    }
  });

  it("explicit filters override the text and exclusions remove candidates", async () => {
    const user = await createUser("gen-filters");
    const res = await postJson(
      "/api/lead-requests",
      {
        description: "CEOs in France, not agencies",
        filters: { location: "Germany", companySize: { min: 500 }, annualRevenue: { max: 5_000_000_000 } },
      },
      user.headers,
    );
    expect(res.status).toBe(201);
    expect(res.body.request.icp.fromFilters).toEqual(["annualRevenue", "companySize", "location"]);
    // Non-empty first: a loop over no leads would pass whatever the filters did.
    expect(res.body.leads.length).toBeGreaterThan(0);
    for (const lead of res.body.leads) {
      expect(lead.location.country).toBe("DE");
      expect(lead.companySize).toBeGreaterThanOrEqual(500);
      expect(lead.annualRevenue).toBeLessThanOrEqual(5_000_000_000);
      expect(lead.industry).not.toBe("marketing_agency");
    }
  });

  it("reuses a lead the workspace already has instead of duplicating it, and ranks the team's own list", async () => {
    const user = await createUser("gen-dedupe");
    const first = await postJson("/api/lead-requests", { description: DESCRIPTION }, user.headers);
    const second = await postJson("/api/lead-requests", { description: DESCRIPTION }, user.headers);
    expect(second.body.leads.map((l: { id: string }) => l.id)).toEqual(
      first.body.leads.map((l: { id: string }) => l.id),
    );
    const mine = await createLead(user, {
      fullName: "Greta Lindqvist",
      jobTitle: "Head of Marketing",
      companyName: "Nordlicht Software GmbH",
      industry: "software",
      companySize: 120,
      location: { city: "Hamburg", country: "DE" },
      contactChannels: [{ channel: "linkedin", handle: "greta-l" }],
    });
    const withList = await postJson(
      "/api/lead-requests",
      { description: DESCRIPTION, sources: ["lists"] },
      user.headers,
    );
    expect(withList.body.leads.map((l: { id: string }) => l.id)).toEqual([mine.id]);
    expect(withList.body.leads[0].sources, JSON.stringify(withList.body.leads[0])).toEqual(["manual", "lists"]);
  });

  it("offers imported Sales Navigator lists as their own source, not as generic lists", async () => {
    const user = await createUser("gen-salesnav");
    const me = await call("/api/me", { headers: user.headers });
    const db = openDb(env.HYPERDRIVE.connectionString).db;
    // Rows as the CSV importer stores a Sales Navigator export (source "salesnav").
    const [row] = await asService(db, (tx) =>
      tx.execute<{
        id: string;
      }>(sql`insert into leads (workspace_id, user_id, created_by, full_name, job_title, company_name, industry, company_size, country, city, linkedin_url, source, sources)
        values (${me.body.workspace.id}, ${user.id}, ${user.id}, 'Sven Navigator', 'Head of Marketing', 'Nav Software GmbH', 'software', 120, 'DE', 'Hamburg', 'linkedin.com/in/sven-nav', 'salesnav', '{salesnav}') returning id`),
    );
    const viaSalesnav = await postJson(
      "/api/lead-requests",
      { description: DESCRIPTION, sources: ["salesnav"] },
      user.headers,
    );
    expect(viaSalesnav.body.leads.map((l: { id: string }) => l.id)).toEqual([row!.id]);
    expect(viaSalesnav.body.leads[0].sources).toContain("salesnav");
    const viaLists = await postJson(
      "/api/lead-requests",
      { description: DESCRIPTION, sources: ["lists"] },
      user.headers,
    );
    expect(viaLists.body.leads).toEqual([]);
  });

  it("reports a requested source that is not configured as skipped while the others return", async () => {
    const user = await createUser("gen-skip");
    const res = await postJson(
      "/api/lead-requests",
      { description: DESCRIPTION, sources: ["apollo", "sample"] },
      user.headers,
    );
    expect(res.status).toBe(201);
    expect(res.body.request.sources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "apollo", status: "skipped", error: expect.stringMatching(/not configured/) }),
        expect.objectContaining({ name: "sample", status: "ok" }),
      ]),
    );
    expect(res.body.leads.length).toBeGreaterThanOrEqual(20);
  });

  it.each([
    ["an empty description", { description: "" }, "description"],
    ["a 10,000-character description", { description: "x".repeat(10_000) }, "description"],
    ["an unknown channel", { description: DESCRIPTION, filters: { channel: "telegram" } }, "filters.channel"],
    [
      "min greater than max",
      { description: DESCRIPTION, filters: { companySize: { min: 500, max: 50 } } },
      "filters.companySize.min",
    ],
    ["a limit outside 20–30", { description: DESCRIPTION, limit: 100 }, "limit"],
    ["an unknown source", { description: DESCRIPTION, sources: ["google"] }, "sources.0"],
    ["an unknown place", { description: DESCRIPTION, filters: { location: "Atlantis" } }, "filters.location"],
  ])("rejects %s with 422 and field details", async (_label, body, field) => {
    const user = await createUser("gen-bad");
    const res = await postJson("/api/lead-requests", body, user.headers);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(res.body.error.details.fields)).toContain(field);
  });
});

describe("POST /api/lead-requests as server-sent events", () => {
  it("streams icp, source and lead events before done, and done names the final order", async () => {
    const user = await createUser("gen-sse");
    const res = await SELF.fetch(`${BASE}/api/lead-requests`, {
      method: "POST",
      headers: { ...user.headers, "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ description: DESCRIPTION }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const events = parseEventStream(await res.text());
    const names = events.map((e) => e.event);
    expect(names[0]).toBe("icp");
    expect(names.at(-1)).toBe("done");
    expect(names.indexOf("lead")).toBeGreaterThan(names.indexOf("source"));
    const done = events.at(-1)!.data as { ids: string[]; request: { status: string } };
    expect(done.request.status).toBe("completed");
    expect(done.ids.length).toBeGreaterThanOrEqual(20);
    // Every final lead was announced, and the last announced rank of each matches the final order.
    const lastRank = new Map<string, number>();
    for (const e of events.filter((e) => e.event === "lead"))
      lastRank.set((e.data as any).lead.id, (e.data as any).lead.rank);
    for (const [i, id] of done.ids.entries()) expect(lastRank.get(id)).toBe(i + 1);
  });
});

describe("GET /api/lead-requests", () => {
  it("lists the workspace's requests newest first with a cursor, and hides other workspaces'", async () => {
    const user = await createUser("gen-history");
    const other = await createUser("gen-history-other");
    const made: string[] = [];
    for (const d of ["CEOs in Spain", "CTOs in Italy", "Founders in Brazil"])
      made.push((await postJson("/api/lead-requests", { description: d }, user.headers)).body.request.id);
    const page1 = await call("/api/lead-requests?limit=2", { headers: user.headers });
    expect(page1.body.requests.map((r: { id: string }) => r.id)).toEqual([made[2], made[1]]);
    const page2 = await call(`/api/lead-requests?limit=2&cursor=${page1.body.nextCursor}`, { headers: user.headers });
    expect(page2.body.requests.map((r: { id: string }) => r.id)).toEqual([made[0]]);
    expect(page2.body.nextCursor).toBeNull();
    expect((await call(`/api/lead-requests/${made[0]}`, { headers: other.headers })).status).toBe(404);
    expect((await call("/api/lead-requests?cursor=nonsense", { headers: user.headers })).status).toBe(422);
  });
});
