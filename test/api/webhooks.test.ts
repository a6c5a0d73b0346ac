// POST /api/hooks/:provider (decision 016): signature over the raw body, replay protection through the event
// ledger, one queue job per new event, statuses that only move forward. Real workerd, Postgres and queue.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApi } from "../../workers/api/app";
import { signSandboxBody } from "../../workers/messaging/channels/sandbox.webhook";
import { call } from "../support/api-client";
import { createUser } from "../support/auth";
import { createChannelAccount, createLead, workspaceOf } from "../support/factories";
import { ledgerRows, messagesByProviderId, processed, seedSentMessage } from "../support/messaging-db";
import { inboundMessage, postSandboxHook, sendEvents, statusEvent } from "../support/sandbox-webhooks";
import { TEST_SANDBOX_WEBHOOK_SECRET } from "../support/test-env";

async function setup(label: string) {
  const user = await createUser(label);
  const account = await createChannelAccount(user);
  return { user, account, ws: await workspaceOf(user) };
}

describe("POST /api/hooks/sandbox", () => {
  it("accepts a signed webhook at once and the queue files the message under a new inbound lead", async () => {
    const { user, account, ws } = await setup("hook-ok");
    const event = inboundMessage(account, { handle: `sbx-${crypto.randomUUID()}`, name: "Ines Inbound" }, "Hello!");
    const res = await sendEvents([event]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accepted: 1, duplicates: 0, ignored: 0 });

    await processed([event.eventId]);
    const [message] = await messagesByProviderId(ws, event.providerMessageId);
    expect(message).toMatchObject({ direction: "inbound", status: "received", body: "Hello!", origin: "inbound" });
    const lead = (await call(`/api/leads/${message!.leadId}`, { headers: user.headers })).body.lead;
    expect(lead).toMatchObject({ fullName: "Ines Inbound", tags: ["inbound"], sources: ["sandbox"] });
    expect(lead.contactChannels).toEqual([{ channel: "sandbox", handle: event.from.handle, source: "sandbox" }]);
  });

  it("acknowledges a replay as a duplicate and stores the message once", async () => {
    const { account, ws } = await setup("hook-replay");
    const event = inboundMessage(account, { handle: `sbx-${crypto.randomUUID()}` }, "Once only");
    const body = JSON.stringify({ events: [event] });
    expect((await postSandboxHook(body)).body).toEqual({ accepted: 1, duplicates: 0, ignored: 0 });
    expect((await postSandboxHook(body)).body).toEqual({ accepted: 0, duplicates: 1, ignored: 0 });
    // The same event twice in one delivery counts once too.
    const twice = inboundMessage(account, { handle: `sbx-${crypto.randomUUID()}` }, "Twice in one");
    expect((await sendEvents([twice, twice])).body).toEqual({ accepted: 1, duplicates: 1, ignored: 0 });

    await processed([event.eventId, twice.eventId]);
    expect(await messagesByProviderId(ws, event.providerMessageId)).toHaveLength(1);
    expect(await messagesByProviderId(ws, twice.providerMessageId)).toHaveLength(1);
  });

  it("moves a status only forward: read before delivered ends read, and late receipts change nothing", async () => {
    const { user, account, ws } = await setup("hook-status");
    const lead = await createLead(user);
    const providerId = `out-${crypto.randomUUID()}`;
    await seedSentMessage({ id: account.id, workspaceId: ws }, lead.id, providerId);

    const read = statusEvent(account, providerId, "read");
    expect((await sendEvents([read])).status).toBe(200);
    await processed([read.eventId]);
    const late = [statusEvent(account, providerId, "delivered"), statusEvent(account, providerId, "sent")];
    const failed = statusEvent(account, providerId, "failed", { errorCode: "too_late" });
    expect((await sendEvents([...late, failed])).body).toEqual({ accepted: 3, duplicates: 0, ignored: 0 });
    expect((await sendEvents([read])).body).toEqual({ accepted: 0, duplicates: 1, ignored: 0 });
    await processed([...late, failed].map((e) => e.eventId));

    const [message] = await messagesByProviderId(ws, providerId);
    expect(message).toMatchObject({ status: "read", errorCode: null });
    expect(message!.readAt).not.toBeNull();
    expect(message!.deliveredAt).not.toBeNull(); // a read implies delivery
  });

  it("marks a message failed with the provider's error code", async () => {
    const { user, account, ws } = await setup("hook-failed");
    const lead = await createLead(user);
    const providerId = `out-${crypto.randomUUID()}`;
    await seedSentMessage({ id: account.id, workspaceId: ws }, lead.id, providerId);
    const failed = statusEvent(account, providerId, "failed", { errorCode: "recipient_unreachable" });
    await sendEvents([failed]);
    await processed([failed.eventId]);
    const [message] = await messagesByProviderId(ws, providerId);
    expect(message).toMatchObject({ status: "failed", errorCode: "recipient_unreachable" });
    expect(message!.failedAt).not.toBeNull();
  });

  it("refuses a tampered body, a wrong or missing signature with 401 and stores nothing", async () => {
    const { account, ws } = await setup("hook-sig");
    const event = inboundMessage(account, { handle: `sbx-${crypto.randomUUID()}` }, "Original");
    const original = JSON.stringify({ events: [event] });
    const signature = await signSandboxBody(TEST_SANDBOX_WEBHOOK_SECRET, original);
    const tampered = original.replace("Original", "Tampered");
    const attempts = [
      await postSandboxHook(tampered, signature),
      await postSandboxHook(original, null),
      await postSandboxHook(original, await signSandboxBody("another-secret", original)),
      await postSandboxHook(original, signature.replace("sha256=", "sha1=")),
      await postSandboxHook(original, "sha256=zz"),
      // A body re-serialised with different spacing is not the signed body.
      await postSandboxHook(JSON.stringify({ events: [event] }, null, 2), signature),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("UNAUTHENTICATED");
    }
    expect(await ledgerRows([event.eventId])).toEqual([]);
    expect(await messagesByProviderId(ws, event.providerMessageId)).toEqual([]);
  });

  it("refuses everything while no secret is configured", async () => {
    const { account } = await setup("hook-nosecret");
    const raw = JSON.stringify({ events: [inboundMessage(account, { handle: "x" }, "hi")] });
    const ctx = createExecutionContext();
    const res = await createApi().fetch(
      new Request("http://app.test/api/hooks/sandbox", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-sandbox-signature": await signSandboxBody("any-secret", raw),
        },
        body: raw,
      }),
      { ...env, SANDBOX_WEBHOOK_SECRET: undefined },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(401);
  });

  it("answers 404 for an unknown provider and 422 for a signed body it cannot understand", async () => {
    const unknown = await postSandboxHook({ events: [] }, undefined, "carrier-pigeon");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("RESOURCE_NOT_FOUND");
    for (const body of ["{not json", JSON.stringify({ events: "all of them" }), JSON.stringify({ events: [{}] })]) {
      const res = await postSandboxHook(body);
      expect(res.status, body).toBe(422);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
  });

  it("drops and counts events for an account no workspace connected", async () => {
    const event = inboundMessage({ externalId: `nobody-${crypto.randomUUID()}` }, { handle: "h" }, "anyone?");
    expect((await sendEvents([event])).body).toEqual({ accepted: 0, duplicates: 0, ignored: 1 });
    expect(await ledgerRows([event.eventId])).toEqual([]);
  });
});
