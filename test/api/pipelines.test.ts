import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { boardRoom } from "../../workers/realtime/board-live";
import { call, postJson } from "../support/api-client";
import { createUser } from "../support/auth";
import { addCard, board, columnIds, createLead, createPipeline, patchCard, teammate } from "../support/factories";
import { seededRandom } from "../support/random";

describe("pipelines and boards", () => {
  it("puts a lead in To Contact, refuses it twice, and shows it on the board", async () => {
    const user = await createUser("board");
    const [lead, pipeline] = [
      await createLead(user, { tags: ["Needs SEO"], mainChannel: "whatsapp" }),
      await createPipeline(user),
    ];
    const card = await addCard(user, pipeline.id, lead.id);
    expect(card).toMatchObject({ stage: "To Contact", position: 0, status: "open" });

    const twice = await postJson(`/api/pipelines/${pipeline.id}/cards`, { leadId: lead.id }, user.headers);
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: "ALREADY_IN_PIPELINE", details: { cardId: card.id } });

    const b = await board(user, pipeline.id);
    expect(b.stages.map((s) => s.stage)).toEqual(["To Contact", "Contacted", "In Conversation", "Closed"]);
    expect(b.stages[0]!.cards).toEqual([
      expect.objectContaining({
        id: card.id,
        leadId: lead.id,
        lead: expect.objectContaining({ fullName: lead.fullName, tags: ["Needs SEO"], mainChannel: "whatsapp" }),
      }),
    ]);
    const list = await call("/api/pipelines", { headers: user.headers });
    expect(list.body.pipelines).toEqual([expect.objectContaining({ id: pipeline.id, cardCount: 1 })]);
  });

  it("moves and reorders cards by neighbours, and records who moved them", async () => {
    const user = await createUser("mover");
    const pipeline = await createPipeline(user);
    const cards = [];
    for (let i = 0; i < 3; i++) cards.push(await addCard(user, pipeline.id, (await createLead(user)).id));
    const [a, b, c] = cards.map((x) => x.id) as [string, string, string];

    expect((await patchCard(user, c, { position: { before: a } })).body.card.position).toBe(0);
    expect(columnIds(await board(user, pipeline.id), "To Contact")).toEqual([c, a, b]);
    expect((await patchCard(user, a, { stage: "Contacted" })).body.card).toMatchObject({
      stage: "Contacted",
      position: 0,
    });
    await patchCard(user, b, { stage: "Contacted", position: { before: a } });
    expect(columnIds(await board(user, pipeline.id), "Contacted")).toEqual([b, a]);

    const events = await call(`/api/pipeline-cards/${a}/events`, { headers: user.headers });
    expect(events.body.events.map((e: { type: string; toStage: string }) => `${e.type}:${e.toStage}`)).toEqual([
      "created:To Contact",
      "moved:Contacted",
    ]);
    expect(events.body.events[1].actor).toEqual({ id: user.id, email: user.email });
  });

  it("closes cards as won or lost only in Closed, and reopens them when they leave", async () => {
    const user = await createUser("closer");
    const pipeline = await createPipeline(user);
    const card = await addCard(user, pipeline.id, (await createLead(user)).id);
    const early = await patchCard(user, card.id, { status: "won" });
    expect(early.status).toBe(422);
    expect(early.body.error.details.fields).toHaveProperty("status");
    expect((await patchCard(user, card.id, { stage: "Closed", status: "won" })).body.card).toMatchObject({
      stage: "Closed",
      status: "won",
    });
    expect((await patchCard(user, card.id, { stage: "In Conversation" })).body.card.status).toBe("open");
    const bad = await patchCard(user, card.id, { position: { before: crypto.randomUUID() } });
    expect(bad.status).toBe(422);
  });

  it("keeps notes with author and time", async () => {
    const user = await createUser("notes");
    const pipeline = await createPipeline(user);
    const card = await addCard(user, pipeline.id, (await createLead(user)).id);
    const added = await postJson(
      `/api/pipeline-cards/${card.id}/notes`,
      { body: "Called, wants a demo Tuesday" },
      user.headers,
    );
    expect(added.status).toBe(201);
    const notes = await call(`/api/pipeline-cards/${card.id}/notes`, { headers: user.headers });
    expect(notes.body.notes).toEqual([
      {
        id: added.body.note.id,
        body: "Called, wants a demo Tuesday",
        author: { id: user.id, email: user.email },
        createdAt: expect.any(String),
      },
    ]);
  });

  it("refuses to delete a pipeline with cards unless forced", async () => {
    const user = await createUser("deleter");
    const pipeline = await createPipeline(user);
    const card = await addCard(user, pipeline.id, (await createLead(user)).id);
    const refused = await call(`/api/pipelines/${pipeline.id}`, { method: "DELETE", headers: user.headers });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "PIPELINE_NOT_EMPTY", details: { cardCount: 1 } });
    expect((await call(`/api/pipeline-cards/${card.id}/notes`, { headers: user.headers })).status).toBe(200);
    expect(
      (await call(`/api/pipelines/${pipeline.id}?force=true`, { method: "DELETE", headers: user.headers })).status,
    ).toBe(204);
    expect((await call(`/api/pipeline-cards/${card.id}/notes`, { headers: user.headers })).status).toBe(404);
  });

  it("answers 404 for another workspace's boards, cards and leads", async () => {
    const [owner, stranger] = [await createUser("owner"), await createUser("stranger")];
    const pipeline = await createPipeline(owner);
    const lead = await createLead(owner);
    const card = await addCard(owner, pipeline.id, lead.id);
    const strangersPipeline = await createPipeline(stranger);
    const attempts = [
      call(`/api/pipelines/${pipeline.id}/board`, { headers: stranger.headers }),
      call(`/api/pipelines/${pipeline.id}`, { method: "DELETE", headers: stranger.headers }),
      patchCard(stranger, card.id, { stage: "Closed" }),
      call(`/api/pipeline-cards/${card.id}`, { method: "DELETE", headers: stranger.headers }),
      call(`/api/pipeline-cards/${card.id}/events`, { headers: stranger.headers }),
      postJson(`/api/pipeline-cards/${card.id}/notes`, { body: "hi" }, stranger.headers),
      postJson(`/api/pipelines/${pipeline.id}/cards`, { leadId: lead.id }, stranger.headers),
      postJson(`/api/pipelines/${strangersPipeline.id}/cards`, { leadId: lead.id }, stranger.headers),
    ];
    for (const res of await Promise.all(attempts)) expect(res.status).toBe(404);
    expect(columnIds(await board(owner, pipeline.id), "To Contact")).toEqual([card.id]);
  });

  it("keeps every card exactly once and one order for everyone after 50 concurrent moves from two clients", async () => {
    const owner = await createUser("race");
    const mate = await teammate(owner);
    const pipeline = await createPipeline(owner);
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push((await addCard(owner, pipeline.id, (await createLead(owner)).id)).id);
    const stages = ["To Contact", "Contacted", "In Conversation", "Closed"];
    // Two anchors that never move (To Contact, Contacted): a move next to an anchor, into its column, is valid in
    // any interleaving, so every one of the 50 moves must succeed. Seeded, so a failure replays exactly.
    const [anchor, contactedAnchor, ...movers] = ids;
    expect((await patchCard(owner, contactedAnchor!, { stage: "Contacted" })).status).toBe(200);
    const random = seededRandom(20261201);
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;

    const moves = Array.from({ length: 50 }, (_, i) => {
      const user = i % 2 === 0 ? owner : mate;
      const card = pick(movers);
      const roll = random();
      if (roll < 0.4) return patchCard(user, card, { stage: pick(stages) });
      if (roll < 0.7) return patchCard(user, card, { stage: "To Contact", position: { after: anchor! } });
      return patchCard(user, card, { stage: "Contacted", position: { before: contactedAnchor! } });
    });
    const statuses = (await Promise.all(moves)).map((r) => r.status);
    expect(statuses).toEqual(Array.from({ length: 50 }, () => 200));

    const [seenByOwner, seenByMate] = [await board(owner, pipeline.id), await board(mate, pipeline.id)];
    expect(seenByMate).toEqual(seenByOwner);
    const all = seenByOwner.stages.flatMap((s) => s.cards.map((c) => c.id));
    expect(all.sort()).toEqual([...ids].sort());
    for (const column of seenByOwner.stages) {
      const ranks = column.cards.map((c) => c.rank);
      expect([...ranks].sort()).toEqual(ranks);
      expect(new Set(ranks).size).toBe(ranks.length);
      expect(column.cards.map((c) => c.position)).toEqual(column.cards.map((_, i) => i));
    }
  }, 60_000);

  it("pushes every change to the other members who have the board open", async () => {
    const owner = await createUser("live");
    const mate = await teammate(owner);
    const pipeline = await createPipeline(owner);
    const card = await addCard(owner, pipeline.id, (await createLead(owner)).id);
    const me = await call("/api/me", { headers: owner.headers });
    const res = await SELF.fetch(`http://app.test/parties/live-room/${boardRoom(me.body.workspace.id, pipeline.id)}`, {
      headers: { Upgrade: "websocket", ...mate.headers },
    });
    expect(res.status).toBe(101);
    const ws = res.webSocket!;
    const messages: any[] = [];
    ws.addEventListener("message", (e) => messages.push(JSON.parse(e.data as string)));
    ws.accept();

    await patchCard(owner, card.id, { stage: "Contacted" });
    const deadline = Date.now() + 2000;
    while (!messages.some((m) => m.type === "card.upserted") && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(messages.find((m) => m.type === "card.upserted")).toMatchObject({
      card: { id: card.id, stage: "Contacted", position: 0 },
      actorId: owner.id,
    });
    ws.close();
  });
});

describe("pipeline names", () => {
  it("saving to a new pipeline from many cards at once makes exactly one", async () => {
    const user = await createUser("onepipe");
    const race = await Promise.all(
      Array.from({ length: 8 }, () => postJson("/api/pipelines", { name: "Outbound" }, user.headers)),
    );
    expect(race.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(race.map((r) => r.body.pipeline.id)).size).toBe(1);
    // Case and surrounding spaces do not make another one either.
    for (const name of ["outbound", " Outbound ", "OUTBOUND"]) {
      const again = await postJson("/api/pipelines", { name }, user.headers);
      expect(again.status).toBe(200);
      expect(again.body.pipeline).toMatchObject({ id: race[0]!.body.pipeline.id, name: "Outbound" });
    }
    const list = await call("/api/pipelines", { headers: user.headers });
    expect(list.body.pipelines.map((p: { name: string }) => p.name)).toEqual(["Outbound"]);
  });

  it("refuses renaming onto another pipeline's name, and other workspaces may use the same name", async () => {
    const [user, other] = [await createUser("rename"), await createUser("othername")];
    const [a, b] = [await createPipeline(user, "Inbound"), await createPipeline(user, "Partners")];
    const clash = await call(`/api/pipelines/${b.id}`, {
      method: "PATCH",
      headers: { ...user.headers, "content-type": "application/json" },
      body: JSON.stringify({ name: "inbound" }),
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error).toMatchObject({ code: "CONFLICT", details: { pipelineId: a.id } });
    expect((await postJson("/api/pipelines", { name: "Inbound" }, other.headers)).status).toBe(201);
  });
});
