import { describe, expect, it } from "vitest";
import { optimisticMessage, upsertMessages, wasRetried } from "./thread-state";
import type { Message } from "./types";

const base = optimisticMessage({
  clientMessageId: "k1",
  leadId: "l",
  conversationId: "c",
  channel: "sandbox",
  body: "hi",
});
const server = (status: Message["status"], extra: Partial<Message> = {}): Message => ({
  ...base,
  id: "m1",
  pending: undefined,
  status,
  createdAt: "2026-01-01T10:00:00.000Z",
  ...extra,
});

describe("thread state", () => {
  it("replaces the optimistic bubble by its clientMessageId and only moves status forward", () => {
    let list = upsertMessages([], [base]);
    list = upsertMessages(list, [server("queued")]);
    expect(list).toHaveLength(1);
    expect(list[0]!.pending).toBeUndefined();
    list = upsertMessages(list, [server("delivered")]);
    list = upsertMessages(list, [server("sent")]); // a late event: ignored
    expect(list[0]!.status).toBe("delivered");
    list = upsertMessages(list, [server("read")]);
    expect(list[0]!.status).toBe("read");
  });

  it("orders by time and keeps pending bubbles last; knows a retried failure", () => {
    const older = server("received", { id: "m0", clientMessageId: null, createdAt: "2026-01-01T09:00:00.000Z" });
    const list = upsertMessages([base], [server("failed", { id: "m2", clientMessageId: "k2" }), older]);
    expect(list.map((m) => m.id)).toEqual(["m0", "m2", base.id]);
    expect(wasRetried(list, list[1]!)).toBe(false);
    const retry = server("queued", { id: "m3", clientMessageId: "k2:retry:1:5", retryOf: "m2" });
    expect(wasRetried(upsertMessages(list, [retry]), list[1]!)).toBe(true);
  });
});
