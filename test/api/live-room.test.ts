import { SELF, env } from "cloudflare:test";
import { getServerByName } from "partyserver";
import { describe, expect, it } from "vitest";
import type { LiveRoom } from "../../durable-objects/live-room";

function nextMessage(ws: WebSocket): Promise<any> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no message within 2 s")), 2000);
    ws.addEventListener("message", (event) => {
      clearTimeout(timer);
      resolve(JSON.parse(event.data as string));
    }, { once: true });
  });
}

async function connect(room: string): Promise<WebSocket> {
  const res = await SELF.fetch(`http://app.test/parties/live-room/${room}`, { headers: { Upgrade: "websocket" } });
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  const ready = nextMessage(ws);
  ws.accept();
  expect(await ready).toEqual({ type: "ready", room });
  return ws;
}

describe("LiveRoom fan-out", () => {
  it("delivers an event published by server code to every socket in the room, and only that room", async () => {
    const room = `room-${crypto.randomUUID()}`;
    const [a, b] = [await connect(room), await connect(room)];
    const other = await connect(`other-${crypto.randomUUID()}`);
    let otherGotMessage = false;
    other.addEventListener("message", () => (otherGotMessage = true));

    const received = Promise.all([nextMessage(a), nextMessage(b)]);
    const stub = await getServerByName<Env, LiveRoom>(env.LiveRoom, room);
    const delivered = await stub.publish({ type: "card.moved", cardId: "c1", stage: "Contacted" });

    expect(delivered).toBe(2);
    expect(await received).toEqual([
      { type: "card.moved", cardId: "c1", stage: "Contacted" },
      { type: "card.moved", cardId: "c1", stage: "Contacted" },
    ]);
    expect(otherGotMessage).toBe(false);
    for (const ws of [a, b, other]) ws.close();
  });

  it("answers unknown room types with the 404 envelope", async () => {
    const res = await SELF.fetch("http://app.test/parties/secret-room/x", { headers: { Upgrade: "websocket" } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "RESOURCE_NOT_FOUND" } });
  });
});
