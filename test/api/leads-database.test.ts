// The leads database (issue 19): every filter of GET /api/leads (case-insensitive), sort orders with keyset
// paging that neither skips nor repeats, bulk tag/untag/delete, the lead's activity and checked handles.
import { env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDb } from "../../workers/db/client";
import { call, postJson } from "../support/api-client";
import { createUser } from "../support/auth";
import type { TestUser } from "../support/auth";
import { addCard, createApiKey, createLead, createPipeline, teammate } from "../support/factories";

const db = () => openDb(env.HYPERDRIVE.connectionString).db;

const ids = (res: { body: { leads: { id: string }[] } }) => res.body.leads.map((l) => l.id);
const list = (user: TestUser, query: string) => call(`/api/leads?${query}`, { headers: user.headers });
const patch = (user: TestUser, id: string, body: object) =>
  call(`/api/leads/${id}`, {
    method: "PATCH",
    headers: { ...user.headers, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("GET /api/leads filters", () => {
  it("matches industry, source, tag, country and stage in any case; minScore=0 keeps leads nobody scored", async () => {
    const user = await createUser("db-filters");
    const a = await createLead(user, {
      fullName: "Anna Arndt",
      industry: "Software",
      tags: ["Hot Lead"],
      location: { country: "DE" },
      email: "anna@arndt.example",
    });
    const b = await createLead(user, {
      fullName: "Ben Brandt",
      industry: "retail",
      contactChannels: [{ channel: "instagram", handle: "@benb" }],
    });
    const pipeline = await createPipeline(user, "Outbound");
    await addCard(user, pipeline.id, b.id, "Contacted");

    expect(ids(await list(user, "industry=SOFTWARE"))).toEqual([a.id]);
    expect(ids(await list(user, "source=MANUAL"))).toEqual([b.id, a.id]);
    expect(ids(await list(user, "tag=hot%20lead"))).toEqual([a.id]);
    expect(ids(await list(user, "country=de"))).toEqual([a.id]);
    expect(ids(await list(user, "minScore=0"))).toEqual([b.id, a.id]);
    expect(ids(await list(user, "minScore=1"))).toEqual([]);
    expect(ids(await list(user, "stage=contacted"))).toEqual([b.id]);
    expect(ids(await list(user, "stage=none"))).toEqual([a.id]);
    expect(ids(await list(user, "channel=Instagram"))).toEqual([b.id]);
    expect(ids(await list(user, "channel=email"))).toEqual([a.id]);
    expect(ids(await list(user, `ids=${a.id}`))).toEqual([a.id]);
    const withBoard = await list(user, "stage=Contacted");
    expect(withBoard.body.leads[0].boards).toEqual([
      expect.objectContaining({ pipelineId: pipeline.id, pipelineName: "Outbound", stage: "Contacted" }),
    ]);

    const optOut = await postJson(`/api/leads/${a.id}/opt-out`, {}, user.headers);
    expect(optOut.status).toBeLessThan(300);
    expect(ids(await list(user, "suppressed=true"))).toEqual([a.id]);
    expect(ids(await list(user, "suppressed=false"))).toEqual([b.id]);
  });

  it("answers bad filters with the error envelope naming the field", async () => {
    const user = await createUser("db-bad");
    for (const [query, field] of [
      ["stage=Nowhere", "stage"],
      ["channel=fax", "channel"],
      ["sort=email", "sort"],
      ["ids=not-a-uuid", "ids"],
      ["suppressed=maybe", "suppressed"],
    ]) {
      const res = await list(user, query!);
      expect(res.status, query).toBe(422);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(Object.keys(res.body.error.details.fields).map((k) => k.split(".")[0])).toContain(field);
    }
  });
});

describe("GET /api/leads sorting and paging", () => {
  it("pages every order with a keyset cursor that neither skips nor repeats, and refuses another order's cursor", async () => {
    const user = await createUser("db-sort");
    const names = ["delta", "Alpha", "charlie", "Bravo", "echo"];
    for (const [i, name] of names.entries())
      await createLead(user, { fullName: `${name} Person`, companyName: i % 2 ? `${name} Co` : undefined });
    for (const [sort, dir, expected] of [
      ["name", "asc", ["alpha", "bravo", "charlie", "delta", "echo"]],
      ["name", "desc", ["echo", "delta", "charlie", "bravo", "alpha"]],
      ["created", "asc", names.map((n) => n.toLowerCase())],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | null = "";
      while (cursor !== null) {
        const res = await list(user, `sort=${sort}&dir=${dir}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
        expect(res.status).toBe(200);
        seen.push(...res.body.leads.map((l: { fullName: string }) => l.fullName.split(" ")[0]!.toLowerCase()));
        cursor = res.body.nextCursor;
      }
      expect(seen, `${sort} ${dir}`).toEqual(expected);
    }
    const companies = await list(user, "sort=company&dir=desc&limit=10");
    expect(companies.body.leads.slice(0, 2).map((l: { companyName: string }) => l.companyName)).toEqual([
      "Bravo Co",
      "Alpha Co",
    ]);
    const page = await list(user, "sort=name&limit=1");
    const wrongOrder = await list(user, `sort=score&limit=1&cursor=${page.body.nextCursor}`);
    expect(wrongOrder.status).toBe(422);
    expect(wrongOrder.body.error.details.fields).toHaveProperty("cursor");
    // Well-formed (base64url JSON in the right order) but month 13: refused before it reaches Postgres.
    const forged = btoa(JSON.stringify(["created", "desc", "2026-13-45T00:00:00.000000Z", crypto.randomUUID()]))
      .replace(/=+$/, "")
      .replace(/\+/g, "-")
      .replace(/\//g, "_");
    expect((await list(user, `cursor=${forged}`)).status).toBe(422);
  });

  it("walks every order both ways one lead at a time through ties (same name, no company, no score, same time)", async () => {
    const user = await createUser("db-ties");
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      const lead = await createLead(user, {
        fullName: i < 4 ? "Sam Same" : `Tie ${i}`,
        // One "Sam Same" at a company (two would be merged as one person), the rest tie on '' in company order.
        companyName: i === 0 || i >= 5 ? "Same Co" : undefined,
      });
      made.push(lead.id);
    }
    // Scores: two share 50, the rest nobody scored (-1 in the sort key); every lead created at the same instant.
    await db().execute(
      sql`update public.leads set score = case when id in (${sql.join(
        made.slice(0, 2).map((id) => sql`${id}::uuid`),
        sql`, `,
      )}) then 50 else null end, created_at = '2026-12-01T10:00:00Z' where id in (${sql.join(
        made.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
    for (const sort of ["created", "name", "company", "score"] as const) {
      for (const dir of ["asc", "desc"] as const) {
        const whole = ids(await list(user, `sort=${sort}&dir=${dir}&limit=100`));
        expect([...whole].sort(), `${sort} ${dir} one page`).toEqual([...made].sort());
        const seen: string[] = [];
        let cursor: string | null = "";
        while (cursor !== null && seen.length <= made.length) {
          const res = await list(user, `sort=${sort}&dir=${dir}&limit=1${cursor ? `&cursor=${cursor}` : ""}`);
          expect(res.status, `${sort} ${dir}`).toBe(200);
          seen.push(...ids(res));
          cursor = res.body.nextCursor;
        }
        // Every lead exactly once, in the same order as the one-page answer.
        expect(seen, `${sort} ${dir} one at a time`).toEqual(whole);
      }
    }
  });
});

describe("POST /api/leads/bulk", () => {
  it("tags and untags many leads once each, deletes them, and leaves other workspaces' leads alone", async () => {
    const user = await createUser("db-bulk");
    const other = await createUser("db-bulk-other");
    const a = await createLead(user, { tags: ["vip"] });
    const b = await createLead(user);
    const theirs = await createLead(other);
    const tag = await postJson(
      "/api/leads/bulk",
      { action: "tag", ids: [a.id, b.id, theirs.id], tag: "VIP" },
      user.headers,
    );
    expect(tag.body).toEqual({ affected: 2 });
    expect((await call(`/api/leads/${a.id}`, { headers: user.headers })).body.lead.tags).toEqual(["vip"]);
    expect((await call(`/api/leads/${b.id}`, { headers: user.headers })).body.lead.tags).toEqual(["VIP"]);
    await postJson("/api/leads/bulk", { action: "untag", ids: [a.id], tag: "Vip" }, user.headers);
    expect((await call(`/api/leads/${a.id}`, { headers: user.headers })).body.lead.tags).toEqual([]);

    const bad = await postJson("/api/leads/bulk", { action: "tag", ids: [a.id] }, user.headers);
    expect(bad.status).toBe(422);
    // Deleting is not a tag action any more: /bulk refuses it (even for the owner).
    expect((await postJson("/api/leads/bulk", { action: "delete", ids: [a.id] }, user.headers)).status).toBe(422);
    const gone = await postJson("/api/leads/bulk-delete", { ids: [a.id, theirs.id] }, user.headers);
    expect(gone.body).toEqual({ affected: 1 });
    expect((await call(`/api/leads/${a.id}`, { headers: user.headers })).status).toBe(404);
    expect((await call(`/api/leads/${theirs.id}`, { headers: other.headers })).status).toBe(200);
  });

  it("lets only owners and admins bulk-delete: write keys and members get 403 and nothing goes; the audit names the leads", async () => {
    const owner = await createUser("db-bulk-del");
    const lead = await createLead(owner, { fullName: "Dora Deleted", email: "dora@deleted.example" });
    const writeKey = { "x-api-key": (await createApiKey(owner, ["read", "write"])).key };
    const mate = await teammate(owner, "db-bulk-del-mate");
    const team = await createLead(mate, { fullName: "Team Lead" });
    for (const [who, headers, id] of [
      ["write key", writeKey, lead.id],
      ["member", mate.headers, team.id],
    ] as const) {
      const res = await postJson("/api/leads/bulk-delete", { ids: [id] }, headers);
      expect(res.status, who).toBe(403);
      expect(res.body.error.code, who).toBe("FORBIDDEN");
    }
    expect((await call(`/api/leads/${lead.id}`, { headers: owner.headers })).status).toBe(200);
    expect((await call(`/api/leads/${team.id}`, { headers: mate.headers })).status).toBe(200);

    expect((await postJson("/api/leads/bulk-delete", { ids: [lead.id] }, owner.headers)).body).toEqual({ affected: 1 });
    const audit = await db().execute<{ details: Record<string, unknown> }>(
      sql`select details from public.audit_log where event = 'lead.deleted' and details::text like ${`%${lead.id}%`}`,
    );
    expect(audit.map((a) => a.details)).toEqual([
      { leads: [{ id: lead.id, fullName: "Dora Deleted", email: "dora@deleted.example" }] },
    ]);
  });
});

describe("lead page data", () => {
  it("normalises hand-typed handles per channel and reports each bad one by its row", async () => {
    const user = await createUser("db-handles");
    const lead = await createLead(user, { fullName: "Hana Handle", location: { country: "DE" } });
    const ok = await patch(user, lead.id, {
      contactChannels: [
        { channel: "whatsapp", handle: "0151 23456789" },
        { channel: "linkedin", handle: "https://de.linkedin.com/in/Hana-H/?trk=x" },
        { channel: "instagram", handle: "https://www.instagram.com/hana.h/" },
        { channel: "email", handle: "Hana@Handle.Example" },
      ],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.lead.contactChannels.map((c: { handle: string }) => c.handle)).toEqual([
      "+4915123456789",
      "linkedin.com/in/hana-h",
      "hana.h",
      "hana@handle.example",
    ]);
    const bad = await patch(user, lead.id, {
      contactChannels: [
        { channel: "whatsapp", handle: "12" },
        { channel: "x", handle: "far too long a name for X" },
      ],
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details.fields)).toEqual([
      "contactChannels.0.handle",
      "contactChannels.1.handle",
    ]);
  });

  it("returns the lead's boards with stage history and notes, and its conversations", async () => {
    const user = await createUser("db-activity");
    const lead = await createLead(user);
    const pipeline = await createPipeline(user, "Main");
    const card = await addCard(user, pipeline.id, lead.id);
    await call(`/api/pipeline-cards/${card.id}`, {
      method: "PATCH",
      headers: { ...user.headers, "content-type": "application/json" },
      body: JSON.stringify({ stage: "Contacted" }),
    });
    await postJson(`/api/pipeline-cards/${card.id}/notes`, { body: "Called, call back Friday" }, user.headers);
    const res = await call(`/api/leads/${lead.id}/activity`, { headers: user.headers });
    expect(res.status).toBe(200);
    expect(res.body.lead.id).toBe(lead.id);
    expect(res.body.boards).toEqual([
      expect.objectContaining({
        pipelineName: "Main",
        stage: "Contacted",
        events: [
          expect.objectContaining({ type: "created", toStage: "To Contact" }),
          expect.objectContaining({ type: "moved", fromStage: "To Contact", toStage: "Contacted" }),
        ],
        notes: [expect.objectContaining({ body: "Called, call back Friday" })],
      }),
    ]);
    expect(res.body.conversations).toEqual([]);
    const other = await createUser("db-activity-other");
    expect((await call(`/api/leads/${lead.id}/activity`, { headers: other.headers })).status).toBe(404);
  });
});
