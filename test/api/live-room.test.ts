import { SELF, env } from "cloudflare:test";
import { getServerByName } from "partyserver";
import { describe, expect, it } from "vitest";
import type { LiveRoom } from "../../durable-objects/live-room";
import { roomName } from "../../workers/realtime/room-access";
import { call } from "../support/api-client";
import { createUser } from "../support/auth";
import type { TestUser } from "../support/auth";

function nextMessage(ws: WebSocket): Promise<any> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no message within 2 s")), 2000);
    ws.addEventListener(
      "message",
      (event) => {
        clearTimeout(timer);
        resolve(JSON.parse(event.data as string));
      },
      { once: true },
    );
  });
}

function open(room: string, headers: Record<string, string> = {}, query = "") {
  return SELF.fetch(`http://app.test/parties/live-room/${room}${query}`, {
    headers: { Upgrade: "websocket", ...headers },
  });
}

async function connect(room: string, user: TestUser, via: "header" | "query" = "header"): Promise<WebSocket> {
  const res =
    via === "header" ? await open(room, user.headers) : await open(room, {}, `?access_token=${user.accessToken}`);
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  const ready = nextMessage(ws);
  ws.accept();
  expect(await ready).toEqual({ type: "ready", room });
  return ws;
}

async function workspaceRoom(user: TestUser, topic: string): Promise<string> {
  const me = await call("/api/me", { headers: user.headers });
  return roomName(me.body.workspace.id, topic);
}

describe("LiveRoom fan-out", () => {
  it("delivers an event published by server code to every socket in the room, and only that room", async () => {
    const user = await createUser("live");
    const room = await workspaceRoom(user, `board-${crypto.randomUUID().slice(0, 8)}`);
    const [a, b] = [await connect(room, user), await connect(room, user, "query")];
    const other = await connect(await workspaceRoom(user, "other-topic"), user);
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

  it("refuses listeners who are signed out or not members of the room's workspace", async () => {
    const [owner, stranger] = [await createUser("roomowner"), await createUser("roomstranger")];
    const room = await workspaceRoom(owner, "board");
    const signedOut = await open(room);
    expect(signedOut.status).toBe(401);
    const notMember = await open(room, stranger.headers);
    expect(notMember.status).toBe(404);
    expect(await notMember.json()).toMatchObject({ error: { code: "RESOURCE_NOT_FOUND" } });
  });

  it.each(["secret-room/x", "live-room/not-a-workspace-room"])(
    "answers /parties/%s with the 404 envelope",
    async (path) => {
      const user = await createUser("badroom");
      const res = await SELF.fetch(`http://app.test/parties/${path}`, {
        headers: { Upgrade: "websocket", ...user.headers },
      });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: "RESOURCE_NOT_FOUND" } });
    },
  );
});
