// A thread's messages in the browser: what the loader gave, older pages, live events and optimistic sends,
// merged so a message appears once (matched by id, or by clientMessageId for an optimistic bubble) and its
// status only moves forward whatever order events and responses arrive in.
import type { Message } from "./types";

const RANK: Record<Message["status"], number> = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 2, received: 0 };

function newer(current: Message, incoming: Message): boolean {
  if (current.pending) return true; // the server's copy always replaces the optimistic one
  if (current.status === "failed" || current.status === "read") return false;
  return RANK[incoming.status] >= RANK[current.status];
}

const sameMessage = (a: Message, b: Message) =>
  a.id === b.id || (a.clientMessageId !== null && a.clientMessageId === b.clientMessageId);

/** Adds or updates messages, keeping the list ordered oldest first. */
export function upsertMessages(list: Message[], incoming: Message[]): Message[] {
  let next = list;
  for (const m of incoming) {
    const i = next.findIndex((x) => sameMessage(x, m));
    if (i === -1) next = [...next, m];
    else if (newer(next[i]!, m)) next = next.map((x, j) => (j === i ? { ...m, sendError: undefined } : x));
  }
  return next === list ? list : [...next].sort(byTime);
}

function byTime(a: Message, b: Message): number {
  if (a.pending !== b.pending) return a.pending ? 1 : -1; // not yet on the server: last
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1;
}

/** The bubble shown the moment the rep presses Enter, before the server answers. */
export function optimisticMessage(input: {
  clientMessageId: string;
  leadId: string;
  conversationId: string | null;
  channel: Message["channel"];
  body: string;
}): Message {
  return {
    id: `pending-${input.clientMessageId}`,
    conversationId: input.conversationId ?? "",
    leadId: input.leadId,
    channel: input.channel,
    direction: "outbound",
    body: input.body,
    media: [],
    status: "queued",
    origin: "manual",
    errorCode: null,
    errorMessage: null,
    fallbackOf: null,
    retryOf: null,
    holdUntil: null,
    sentBy: null,
    clientMessageId: input.clientMessageId,
    createdAt: new Date().toISOString(),
    sentAt: null,
    deliveredAt: null,
    readAt: null,
    failedAt: null,
    receivedAt: null,
    pending: true,
  };
}

/** Whether a failed message was already retried (a later attempt names it in `retryOf`). */
export function wasRetried(list: Message[], m: Message): boolean {
  return list.some((x) => x.retryOf === m.id);
}
