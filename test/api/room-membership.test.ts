// Rooms follow membership, not just the handshake (issue 12 item 3, decision 010): removing a member,
// revoking a key, signing out or deleting the workspace closes the affected sockets within 5 s, and a room
// never sends to someone who is no longer allowed to listen, even when the push from the service was missed.
import { env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDb } from "../../workers/db/client";
import { roomName } from "../../workers/realtime/room-access";
import { recheckWorkspaceRooms } from "../../workers/realtime/room-revocation";
import { joinWorkspace } from "../support/factories";
import { call, postJson } from "../support/api-client";
import { authRequest, createUser } from "../support/auth";
import { APP_ORIGIN, closedWithin, connect, personalRoom, publish } from "../support/room-sockets";

const FIVE_SECONDS = 5000;
const event = (n: number) => ({ type: "card.upserted", card: { id: `c${n}` } });

/** An owner and a member of the owner's workspace, both listening on one of its boards. */
async function sharedBoard() {
  const [owner, member] = [await createUser("roomowner"), await createUser("roommember")];
  const { ws } = await joinWorkspace(owner, member);
  const room = roomName(ws, `board-${crypto.randomUUID().slice(0, 8)}`);
  const ownerSocket = await connect(room, owner.headers);
  const memberSocket = await connect(room, { ...member.headers, origin: APP_ORIGIN });
  return { owner, member, ws, room, ownerSocket, memberSocket };
}

/** Changes Postgres behind the services' back, so no push reaches the rooms: only their own checks can. */
async function behindTheServicesBack(statement: ReturnType<typeof sql>) {
  await openDb(env.HYPERDRIVE.connectionString).db.execute(statement);
}

describe("a room follows membership", () => {
  it("closes a removed member's socket at once, and they receive nothing published after the removal", async () => {
    const { owner, member, room, ownerSocket, memberSocket } = await sharedBoard();
    expect(await publish(room, event(1))).toBe(2);

    const removed = await call(`/api/members/${member.id}`, {
      method: "DELETE",
      headers: { ...owner.headers, "x-workspace-id": room.split(".")[0]! },
    });
    expect(removed.status).toBe(204);
    expect(await closedWithin(memberSocket, FIVE_SECONDS)).toBe(4403);

    expect(await publish(room, event(2))).toBe(1);
    await expect.poll(() => ownerSocket.messages.length).toBe(2);
    expect(memberSocket.messages).toEqual([event(1)]);
    ownerSocket.ws.close();
  });

  it("never fans out to a removed member even when the push was missed, and closes their socket within 5 s", async () => {
    const { member, ws, room, ownerSocket, memberSocket } = await sharedBoard();
    await behindTheServicesBack(
      sql`delete from public.workspace_members where workspace_id = ${ws} and user_id = ${member.id}`,
    );

    expect(await publish(room, event(1))).toBe(1);
    expect(await closedWithin(memberSocket, FIVE_SECONDS)).toBe(4403);
    await expect.poll(() => ownerSocket.messages.length).toBe(1);
    expect(memberSocket.messages).toEqual([]);
    ownerSocket.ws.close();
  });

  it("closes a removed member's socket within 5 s with no push and no event (the room's own re-check)", async () => {
    const { member, ws, ownerSocket, memberSocket } = await sharedBoard();
    await behindTheServicesBack(
      sql`delete from public.workspace_members where workspace_id = ${ws} and user_id = ${member.id}`,
    );
    expect(await closedWithin(memberSocket, FIVE_SECONDS)).toBe(4403);
    ownerSocket.ws.close();
  });

  it("closes the sockets opened with an API key when the key is revoked, and only those", async () => {
    const owner = await createUser("roomkey");
    const created = await postJson("/api/api-keys", { name: "Listener", scopes: ["read"] }, owner.headers);
    const room = await personalRoom(owner);
    const keySocket = await connect(room, { "x-api-key": created.body.key });
    const userSocket = await connect(room, owner.headers);

    const revoked = await call(`/api/api-keys/${created.body.apiKey.id}`, { method: "DELETE", headers: owner.headers });
    expect(revoked.status).toBe(200);
    expect(await closedWithin(keySocket, FIVE_SECONDS)).toBe(4401);
    expect(await publish(room, event(1))).toBe(1);
    await expect.poll(() => userSocket.messages).toEqual([event(1)]);
    userSocket.ws.close();
  });

  it("closes the signed-out session's sockets on /auth/v1/logout, and keeps the user's other sessions", async () => {
    const user = await createUser("roomlogout");
    const signedIn = await authRequest("/token?grant_type=password", { email: user.email, password: user.password });
    const other = (await signedIn.json()) as { access_token: string };
    const room = await personalRoom(user);
    const leaving = await connect(room, { origin: APP_ORIGIN }, `?access_token=${user.accessToken}`);
    const staying = await connect(room, { authorization: `Bearer ${other.access_token}` });

    const out = await authRequest("/logout?scope=local", {}, user.headers);
    expect(out.status).toBe(204);
    expect(await closedWithin(leaving, FIVE_SECONDS)).toBe(4401);
    expect(await publish(room, event(1))).toBe(1);
    await expect.poll(() => staying.messages).toEqual([event(1)]);

    await authRequest("/logout?scope=global", {}, { authorization: `Bearer ${other.access_token}` });
    expect(await closedWithin(staying, FIVE_SECONDS)).toBe(4401);
  });

  it("closes everyone's sockets when the workspace is deleted", async () => {
    const { ws, ownerSocket, memberSocket } = await sharedBoard();
    await behindTheServicesBack(sql`delete from public.workspaces where id = ${ws}`);
    expect(await recheckWorkspaceRooms([ws], env)).toBe(2);
    expect(await closedWithin(ownerSocket, FIVE_SECONDS)).toBe(4403);
    expect(await closedWithin(memberSocket, FIVE_SECONDS)).toBe(4403);
  });
});
