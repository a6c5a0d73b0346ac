// The dead-letter view and Retry (issue 15): a retry names the failure it replaces (`retryOf`), and a failure
// someone retried leaves GET /api/messages/failed — the new attempt stands for it, listed again only if it
// fails too. Every failure is also announced on the workspace's inbox room for the Failed tab.
import { describe, expect, it } from "vitest";
import { roomName } from "../../workers/realtime/room-access";
import { countFailedMessages } from "../../workers/repos/messages.repo";
import { call } from "../support/api-client";
import { createUser } from "../support/auth";
import type { TestUser } from "../support/auth";
import { eventually } from "../support/eventually";
import { createLead } from "../support/factories";
import { messageReaches, send, testDb, workspaceOf } from "../support/messaging";
import { insertConversation, insertMessage, insertSuppression } from "../support/messaging-factories";
import { connect } from "../support/room-sockets";

async function failedIds(user: TestUser): Promise<string[]> {
  const res = await call("/api/messages/failed", { headers: user.headers });
  expect(res.status).toBe(200);
  return res.body.messages.map((m: { id: string }) => m.id);
}

function retry(user: TestUser, id: string) {
  return call(`/api/messages/${id}/retry`, { method: "POST", headers: user.headers });
}

describe("Retry and the failed list", () => {
  it("links the retry to the failure, leaves the retried failure out, and lists the retry when it fails too", async () => {
    const user = await createUser("retry-of");
    const ws = await workspaceOf(user);
    const lead = await createLead(user, { fullName: "Rita Retry" });
    const socket = await connect(roomName(ws, "inbox"), user.headers);
    const first = await send(user, { leadId: lead.id, channel: "sandbox", body: "Are you in? #fail" });
    await messageReaches(first.body.message.id, "failed");
    expect(await failedIds(user)).toEqual([first.body.message.id]);
    await eventually("message.failed on the inbox room", () =>
      socket.messages.find((m) => m.type === "message.failed" && m.messageId === first.body.message.id),
    );
    expect(first.body.message.retryOf).toBeNull();

    const again = await retry(user, first.body.message.id);
    expect(again.status).toBe(202);
    expect(again.body.message).toMatchObject({ retryOf: first.body.message.id, status: "queued" });
    // Pressed twice: the same attempt, not a second one.
    expect((await retry(user, first.body.message.id)).body.message.id).toBe(again.body.message.id);
    expect(await failedIds(user)).not.toContain(first.body.message.id);

    // The body still says #fail: the new attempt fails and is the one listed (it can be retried in turn).
    await messageReaches(again.body.message.id, "failed");
    const list = await call("/api/messages/failed", { headers: user.headers });
    expect(list.body.messages).toMatchObject([
      { id: again.body.message.id, retryOf: first.body.message.id, leadName: "Rita Retry" },
    ]);
    const thread = await call(`/api/conversations/${first.body.message.conversationId}`, { headers: user.headers });
    const byId = new Map(thread.body.messages.map((m: { id: string; retryOf: string | null }) => [m.id, m.retryOf]));
    expect(byId.get(again.body.message.id)).toBe(first.body.message.id);
    socket.ws.close();
  });

  it("keeps a failure listed when its retry is refused, and counts only what nobody retried", async () => {
    const user = await createUser("retry-refused");
    const ws = await workspaceOf(user);
    const blocked = await createLead(user);
    const fine = await createLead(user);
    const c1 = await insertConversation(testDb(), { workspaceId: ws, leadId: blocked.id });
    const c2 = await insertConversation(testDb(), { workspaceId: ws, leadId: fine.id });
    const stuck = await insertMessage(testDb(), c1, {
      status: "failed",
      errorCode: "retries_exhausted",
    });
    const retried = await insertMessage(testDb(), c2, { status: "failed", errorCode: "retries_exhausted" });
    await insertSuppression(testDb(), { workspaceId: ws, leadId: blocked.id });

    const refused = await retry(user, stuck.id);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("MESSAGE_BLOCKED");
    expect((await retry(user, retried.id)).status).toBe(202);
    expect(await failedIds(user)).toEqual([stuck.id]);
    expect(await countFailedMessages(testDb(), ws, 100)).toBe(1);

    // Another workspace sees none of it.
    expect(await failedIds(await createUser("retry-outsider"))).toEqual([]);
  });
});
