// Live board ordering (issue 13 item 9): two clients move the same cards at once, round after round. Each
// client does what the board page does: applies its own PATCH responses and every live event in the order they
// reach it, through the page's own `upsertCard` / `removeCard`. When the dust settles every client must show
// exactly the server's board. Ordering by `updatedAt` (the transaction's start) loses moves here; the per-card
// version does not.
import { describe, expect, it } from "vitest";
import { STAGES, removeCard, toColumns, upsertCard } from "../../app/components/crm/board-state";
import type { BoardCard, Columns } from "../../app/components/crm/board-state";
import { boardRoom } from "../../workers/realtime/board-live";
import { call, postJson } from "../support/api-client";
import { createUser } from "../support/auth";
import type { TestUser } from "../support/auth";
import { board, createLead, createPipeline, patchCard, teammate } from "../support/factories";
import { seededRandom } from "../support/random";
import { connect } from "../support/room-sockets";
import type { OpenSocket } from "../support/room-sockets";
import { eventually } from "../support/eventually";

/** One browser: its socket's events and its own responses, applied in arrival order with the page's rules. */
class Client {
  columns: Columns = toColumns([]);
  events = 0;
  constructor(
    readonly user: TestUser,
    readonly socket: OpenSocket,
  ) {
    socket.ws.addEventListener("message", (e) => {
      const msg = JSON.parse(e.data as string) as { type: string; card?: BoardCard; cardId?: string };
      if (msg.type === "card.upserted") this.columns = upsertCard(this.columns, msg.card!);
      if (msg.type === "card.deleted") this.columns = removeCard(this.columns, msg.cardId!);
      if (msg.type.startsWith("card.")) this.events++;
    });
  }

  async move(cardId: string, patch: object): Promise<number> {
    const res = await patchCard(this.user, cardId, patch);
    if (res.status === 200) this.columns = upsertCard(this.columns, res.body.card as BoardCard);
    return res.status;
  }

  view() {
    return STAGES.map((stage) => ({ stage, cards: this.columns[stage].map((c) => `${c.id}@${c.rank}`) }));
  }
}

describe("live board ordering under concurrent moves", () => {
  it.each([1, 2])(
    "every client ends on the server's board (seed %i)",
    async (seed) => {
      const random = seededRandom(seed);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
      const owner = await createUser("converge");
      const mate = await teammate(owner);
      const pipeline = await createPipeline(owner);
      const ws = (await call("/api/me", { headers: owner.headers })).body.workspace.id as string;
      const room = boardRoom(ws, pipeline.id);
      const clients = [
        new Client(owner, await connect(room, owner.headers)),
        new Client(mate, await connect(room, mate.headers)),
      ];

      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await postJson(
          `/api/pipelines/${pipeline.id}/cards`,
          { leadId: (await createLead(owner)).id },
          owner.headers,
        );
        ids.push(res.body.card.id);
      }
      let writes = ids.length;

      for (let round = 0; round < 12; round++) {
        // Both clients hammer the same two cards in the same instant: stage moves and reorders, interleaved.
        const hot = [pick(ids), pick(ids)];
        const moves = Array.from({ length: 6 }, (_, i) => {
          const client = clients[i % 2]!;
          const card = pick(hot);
          const patch =
            random() < 0.6 ? { stage: pick(STAGES) } : { position: { after: pick(ids.filter((x) => x !== card)) } };
          return client.move(card, patch);
        });
        const statuses = await Promise.all(moves);
        // A move next to a card that just left the column is refused (422); nothing else may fail.
        expect(statuses.every((s) => s === 200 || s === 422)).toBe(true);
        writes += statuses.filter((s) => s === 200).length;
      }

      for (const client of clients)
        await eventually("every event", () => client.events >= writes, { timeoutMs: 20_000 });
      const server = (await board(owner, pipeline.id)).stages.map((s) => ({
        stage: s.stage,
        cards: s.cards.map((c) => `${c.id}@${c.rank}`),
      }));
      for (const client of clients) expect(client.view()).toEqual(server);
      for (const client of clients) client.socket.ws.close();
    },
    60_000,
  );
});
