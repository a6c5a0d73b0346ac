// Refused room connections answer a real HTTP status with the error envelope before any upgrade (never a
// 101 and a close), the Origin is checked on every upgrade, and partysocket stops instead of looping.
import { SELF, createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { stringToBase64URL } from "@supabase/ssr";
import PartySocket from "partysocket";
import { describe, expect, it } from "vitest";
import { guardRoomSocket, roomSocketOptions } from "../../app/lib/room-socket";
import type { RoomRefusal } from "../../app/lib/room-socket";
import worker from "../../workers/index";
import { call, postJson } from "../support/api-client";
import { authRequest, createUser, uniqueEmail } from "../support/auth";
import { APP_ORIGIN, connect, personalRoom, roomUrl, selfWebSocketClass, upgrade } from "../support/room-sockets";

async function expectRefused(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.webSocket).toBeNull();
  expect(await res.json()).toEqual({ error: { code, message: expect.any(String), details: expect.any(Object) } });
}

async function sessionCookie(): Promise<string> {
  const res = await authRequest("/signup", { email: uniqueEmail("roomcookie"), password: "cookie-password-1" });
  return `rl-auth=base64-${stringToBase64URL(JSON.stringify(await res.json()))}`;
}

/** Calls the Worker with some vars changed, as a deployment with that configuration would. */
async function withVars(request: Request, vars: Partial<Env>): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(request as Parameters<typeof worker.fetch>[0], { ...env, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe("room handshake", () => {
  it("checks Origin on every upgrade: the app's own origin and CORS_ALLOWED_ORIGINS only", async () => {
    const user = await createUser("roomorigin");
    const room = await personalRoom(user);
    const query = `?access_token=${user.accessToken}`;
    (await connect(room, { origin: APP_ORIGIN }, query)).ws.close();
    await expectRefused(await upgrade(room, { origin: "https://evil.example" }, query), 403, "FORBIDDEN");
    await expectRefused(await upgrade(room, { origin: "null", ...user.headers }), 403, "FORBIDDEN");
    await expectRefused(
      await upgrade(room, { origin: "http://app.test.evil.example", ...user.headers }),
      403,
      "FORBIDDEN",
    );

    const partner = (origin: string) =>
      new Request(`${roomUrl(room)}${query}`, { headers: { Upgrade: "websocket", origin } });
    const vars = { CORS_ALLOWED_ORIGINS: "https://partner.example, https://crm.example/" };
    const allowed = await withVars(partner("https://crm.example"), vars);
    expect(allowed.status).toBe(101);
    allowed.webSocket!.accept();
    allowed.webSocket!.close();
    await expectRefused(await withVars(partner("https://other.example"), vars), 403, "FORBIDDEN");
  });

  it("lets non-browser clients without Origin in only with an explicit credential, never with the cookie alone", async () => {
    const cookie = await sessionCookie();
    const me = await call("/api/me", { headers: { cookie } });
    const room = `${me.body.workspace.id}.board`;
    (await connect(room, { cookie, origin: APP_ORIGIN })).ws.close();
    await expectRefused(await upgrade(room, { cookie }), 403, "FORBIDDEN");
  });

  it("answers 401 to the signed out, a bad token, a revoked key and an ended session", async () => {
    const owner = await createUser("room401");
    const room = await personalRoom(owner);
    await expectRefused(await upgrade(room, { origin: APP_ORIGIN }), 401, "UNAUTHENTICATED");
    await expectRefused(await upgrade(room, { authorization: "Bearer not-a-token" }), 401, "UNAUTHENTICATED");
    await expectRefused(
      await upgrade(room, {
        "x-room-principal": JSON.stringify({ userId: owner.id, apiKeyId: null, sessionId: null }),
      }),
      401,
      "UNAUTHENTICATED",
    );

    const created = await postJson("/api/api-keys", { name: "Soon revoked", scopes: ["read"] }, owner.headers);
    await call(`/api/api-keys/${created.body.apiKey.id}`, { method: "DELETE", headers: owner.headers });
    await expectRefused(await upgrade(room, { "x-api-key": created.body.key }), 401, "UNAUTHENTICATED");

    expect((await authRequest("/logout?scope=local", {}, owner.headers)).status).toBe(204);
    await expectRefused(await upgrade(room, owner.headers), 401, "UNAUTHENTICATED");
  });

  it("answers 404 for another workspace's room, another workspace's key, and rooms that do not exist", async () => {
    const [owner, stranger] = [await createUser("room404"), await createUser("roomstranger")];
    const room = await personalRoom(owner);
    await expectRefused(await upgrade(room, stranger.headers), 404, "RESOURCE_NOT_FOUND");
    const strangerKey = await postJson("/api/api-keys", { name: "Elsewhere", scopes: ["read"] }, stranger.headers);
    await expectRefused(await upgrade(room, { "x-api-key": strangerKey.body.key }), 404, "RESOURCE_NOT_FOUND");
    for (const path of [
      "live-room/not-a-workspace-room",
      "live-room/%E0%A4%A",
      `room-registry/${room}`,
      `rate-limiter/${room}`,
      "live-room",
    ]) {
      await expectRefused(
        await SELF.fetch(`${APP_ORIGIN}/parties/${path}`, { headers: { Upgrade: "websocket", ...owner.headers } }),
        404,
        "RESOURCE_NOT_FOUND",
      );
    }
  });
});

describe("partysocket against a room that refuses", () => {
  function partySocket(room: string, token: string, attempts: string[]) {
    return new PartySocket({
      host: "app.test",
      protocol: "ws",
      party: "live-room",
      room,
      query: { access_token: token },
      WebSocket: selfWebSocketClass(APP_ORIGIN, attempts),
      // Short delays so a retry loop would show within a second (browsers wait 3 s; the probe takes ms).
      minReconnectionDelay: 150,
      maxReconnectionDelay: 150,
      ...roomSocketOptions,
    });
  }
  const probeFor = (socket: PartySocket, token: string) => () =>
    PartySocket.fetch({
      host: "app.test",
      protocol: "http",
      party: "live-room",
      room: socket.room!,
      query: { access_token: token },
      fetch: SELF.fetch.bind(SELF),
    });

  it("reports a refused handshake once and stops retrying", async () => {
    const [owner, stranger] = [await createUser("psowner"), await createUser("psstranger")];
    const room = await personalRoom(owner);
    const attempts: string[] = [];
    const socket = partySocket(room, stranger.accessToken, attempts);
    const refusal = await new Promise<RoomRefusal>((resolve) =>
      guardRoomSocket(socket, resolve, probeFor(socket, stranger.accessToken)),
    );
    expect(refusal).toMatchObject({ status: 404, code: "RESOURCE_NOT_FOUND" });
    await new Promise((resolve) => setTimeout(resolve, 900)); // 6 reconnection delays
    expect(attempts).toHaveLength(1);
  });

  it("stops when the room ends access, instead of reconnecting", async () => {
    const owner = await createUser("psremoved");
    const room = await personalRoom(owner);
    const attempts: string[] = [];
    const socket = partySocket(room, owner.accessToken, attempts);
    await new Promise((resolve) => socket.addEventListener("open", resolve, { once: true }));
    const refused = new Promise<RoomRefusal>((resolve) =>
      guardRoomSocket(socket, resolve, probeFor(socket, owner.accessToken)),
    );
    expect((await authRequest("/logout?scope=local", {}, owner.headers)).status).toBe(204);
    expect(await refused).toMatchObject({ status: 401 });
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(attempts).toHaveLength(1);
  });
});
