// Facebook and Instagram on a deployment without Meta's settings (this suite sets none; the providers suite runs
// the whole flow against the Graph fake, test/providers/meta.test.ts): connecting says what is missing, the
// webhook URL cannot be verified, and a callback without a flow goes back to the channels page with an error.
import { describe, expect, it } from "vitest";
import { call, postJson } from "../support/api-client";
import { createUser } from "../support/auth";

describe("Meta channels, unconfigured", () => {
  it("answers connect with 503 naming the missing settings", async () => {
    const owner = await createUser("meta-unconfigured");
    const res = await postJson("/api/channels/meta/connect", { channel: "instagram" }, owner.headers);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe("SERVICE_UNAVAILABLE");
    expect(res.body.error.message).toMatch(/META_APP_ID.*META_APP_SECRET.*META_WEBHOOK_VERIFY_TOKEN/);
    expect(res.body.error.details.missing).toEqual(["META_APP_ID", "META_APP_SECRET", "META_WEBHOOK_VERIFY_TOKEN"]);
    expect((await postJson("/api/channels/meta/connect", { channel: "x" }, owner.headers)).status).toBe(422);
  });

  it("refuses the webhook challenge and sends a stray callback back with an error word, no token", async () => {
    const owner = await createUser("meta-stray");
    const challenge = await call("/api/hooks/meta?hub.mode=subscribe&hub.verify_token=&hub.challenge=1");
    expect(challenge.status).toBe(403);
    expect((await call("/api/hooks/sandbox?hub.mode=subscribe&hub.challenge=1")).status).toBe(403);
    expect((await call("/api/channels/meta/callback?code=abc&state=nope", { redirect: "manual" })).status).toBe(401);
    const back = await call("/api/channels/meta/callback?code=abc&state=nope", {
      redirect: "manual",
      headers: owner.headers,
    });
    expect(back.status).toBe(302);
    expect(back.headers.get("location")).toBe("/dashboard/channels?error=not_configured");
  });
});
