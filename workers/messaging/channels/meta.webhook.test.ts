import { describe, expect, it } from "vitest";
import { GraphError, retryAfterOf } from "./meta-graph.http";
import { messagingType, sendErrorOf } from "./meta.adapter";
import { metaWebhook, signMetaBody } from "./meta.webhook";

const request = (body: unknown, headers: Record<string, string> = {}) => {
  const raw = new TextEncoder().encode(JSON.stringify(body));
  return { url: new URL("https://x.test/api/hooks/meta"), headers: new Headers(headers), rawBody: raw };
};

const page = (messaging: unknown[], object = "page") => ({
  object,
  entry: [{ id: "page-1", time: 1_764_000_000_000, messaging }],
});

describe("Meta webhook parsing", () => {
  it("turns a message into an inbound event from the PSID to the Page, attachments as media", () => {
    const events = metaWebhook.parse(
      request(
        page([
          {
            sender: { id: "psid-1" },
            recipient: { id: "page-1" },
            timestamp: 1_764_000_000_000,
            message: {
              mid: "m_1",
              text: "Hi",
              attachments: [{ type: "image", payload: { url: "https://cdn.test/a.jpg" } }],
            },
          },
        ]),
      ),
    );
    expect(events).toEqual([
      {
        kind: "message",
        channel: "facebook",
        eventId: "m_1",
        accountExternalId: "page-1",
        providerMessageId: "m_1",
        from: { handle: "psid-1" },
        body: "Hi",
        media: [{ url: "https://cdn.test/a.jpg", type: "image" }],
        at: new Date(1_764_000_000_000).toISOString(),
      },
    ]);
  });

  it("reads an echo as `sent` for the Page's own message, never as an inbound one", () => {
    const [event] = metaWebhook.parse(
      request(
        page([
          {
            sender: { id: "page-1" },
            recipient: { id: "psid-1" },
            timestamp: 1,
            message: { mid: "m_2", text: "Ours", is_echo: true },
          },
        ]),
      ),
    );
    expect(event).toMatchObject({ kind: "status", status: "sent", accountExternalId: "page-1", eventId: "echo:m_2" });
  });

  it("maps deliveries per mid, Instagram reads by mid, and a Messenger read watermark per person", () => {
    const item = { sender: { id: "psid-1" }, recipient: { id: "page-1" }, timestamp: 5 };
    const events = metaWebhook.parse(
      request(
        page([
          { ...item, delivery: { mids: ["m_a", "m_b"], watermark: 5 } },
          { ...item, read: { watermark: 5 } },
        ]),
      ),
    );
    expect(events.map((e) => [e.kind, "status" in e ? e.status : null, e.eventId])).toEqual([
      ["status", "delivered", "delivered:m_a"],
      ["status", "delivered", "delivered:m_b"],
      ["read_up_to", null, "read:page-1:psid-1:5"],
    ]);
    expect(events[2]).toMatchObject({ handle: "psid-1", accountExternalId: "page-1", at: new Date(5).toISOString() });
    const ig = metaWebhook.parse(request(page([{ ...item, read: { mid: "m_c" } }], "instagram")));
    expect(ig).toEqual([expect.objectContaining({ channel: "instagram", status: "read", providerMessageId: "m_c" })]);
  });

  it("refuses a page or instagram body it does not understand", () => {
    expect(() => metaWebhook.parse(request({ object: "page", entry: "nope" }))).toThrow();
    expect(() => metaWebhook.parse(request({ entry: [] }))).toThrow();
  });
});

describe("Meta webhook signature and challenge", () => {
  const env = { META_APP_SECRET: "app-secret", META_WEBHOOK_VERIFY_TOKEN: "verify-me" } as Env;

  it("accepts the app secret's HMAC of the raw body and nothing else", async () => {
    const body = page([]);
    const sig = await signMetaBody("app-secret", JSON.stringify(body));
    const db = undefined as never;
    expect(await metaWebhook.verify(request(body, { "x-hub-signature-256": sig }), env, db)).toBe(true);
    expect(
      await metaWebhook.verify(request({ ...body, object: "instagram" }, { "x-hub-signature-256": sig }), env, db),
    ).toBe(false);
    expect(await metaWebhook.verify(request(body), env, db)).toBe(false);
    expect(await metaWebhook.verify(request(body, { "x-hub-signature-256": sig }), {} as Env, db)).toBe(false);
  });

  it("answers the challenge only for the verify token", async () => {
    const url = (token: string) =>
      new URL(`https://x.test/api/hooks/meta?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=12345`);
    expect(await metaWebhook.challenge!(url("verify-me"), env)).toBe("12345");
    expect(await metaWebhook.challenge!(url("wrong"), env)).toBeNull();
    expect(await metaWebhook.challenge!(url("verify-me"), {} as Env)).toBeNull();
  });
});

describe("Meta webhook objects", () => {
  it("acknowledges objects it does not use with no events instead of refusing them", () => {
    const body = new TextEncoder().encode(JSON.stringify({ object: "permissions", entry: [{ id: "1", time: 1 }] }));
    expect(
      metaWebhook.parse({ url: new URL("https://x.test/api/hooks/meta"), headers: new Headers(), rawBody: body }),
    ).toEqual([]);
  });
});

describe("Meta send rules", () => {
  const now = new Date("2026-12-02T12:00:00Z");
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);

  it("RESPONSE within 24 h, HUMAN_AGENT after it for a person only", () => {
    expect(messagingType({ origin: "campaign", lastInboundAt: hoursAgo(2) }, now)).toEqual({
      messaging_type: "RESPONSE",
    });
    expect(messagingType({ origin: "manual", lastInboundAt: hoursAgo(48) }, now)).toEqual({
      messaging_type: "MESSAGE_TAG",
      tag: "HUMAN_AGENT",
    });
    expect(messagingType({ origin: "campaign", lastInboundAt: hoursAgo(48) }, now)).toBeUndefined();
    expect(messagingType({ origin: "manual", lastInboundAt: null }, now)).toBeUndefined();
    // Past 7 days nothing; on Instagram nothing past 24 hours; an unknown origin is not a person's answer.
    expect(messagingType({ origin: "manual", lastInboundAt: hoursAgo(24 * 7 + 1) }, now)).toBeUndefined();
    expect(messagingType({ origin: "manual", lastInboundAt: hoursAgo(48) }, now, "instagram")).toBeUndefined();
    expect(messagingType({ lastInboundAt: hoursAgo(48) }, now)).toBeUndefined();
  });

  it("maps Graph errors to permanent or retryable send errors", () => {
    const err = (status: number, code: number, subcode?: number, retry?: number) =>
      sendErrorOf(new GraphError(status, { code, error_subcode: subcode, message: "x" }, retry));
    expect(err(400, 10, 2018278)).toMatchObject({ code: "window_closed", retryable: false });
    expect(err(400, 100, 2018278)).toMatchObject({ code: "window_closed" });
    expect(err(400, 551)).toMatchObject({ code: "recipient_unavailable", retryable: false });
    expect(err(400, 613, undefined, 120)).toMatchObject({
      code: "rate_limited",
      retryable: true,
      retryAfterSeconds: 120,
    });
    expect(err(400, 4)).toMatchObject({ code: "rate_limited", retryAfterSeconds: 60 });
    expect(err(401, 190)).toMatchObject({ code: "token_invalid", retryable: false });
    expect(err(500, 2)).toMatchObject({ code: "provider_unavailable", retryable: true });
    // A success we could not read may have been sent: never retried (the Send API has no idempotency key).
    expect(sendErrorOf(new GraphError(200, { message: "unexpected shape" }, undefined))).toMatchObject({
      code: "unknown_outcome",
      retryable: false,
    });
  });

  it("reads Meta's wait hints: Retry-After, else the business use case's minutes", () => {
    expect(retryAfterOf(new Headers({ "retry-after": "7" }))).toBe(7);
    const usage = JSON.stringify({ "123": [{ type: "messenger", estimated_time_to_regain_access: 3 }] });
    expect(retryAfterOf(new Headers({ "x-business-use-case-usage": usage }))).toBe(180);
    expect(retryAfterOf(new Headers())).toBeUndefined();
  });
});
