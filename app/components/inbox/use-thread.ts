import { useCallback, useEffect, useRef, useState } from "react";
import { getJson, inboxAction } from "./inbox-api";
import { optimisticMessage, upsertMessages } from "./thread-state";
import type { Channel, Message } from "./types";
import { useRoomEvents } from "./use-room-events";

type LeadEvent = { type: string; conversationId?: string; message?: Message };
type Page = { messages: Message[]; olderCursor: string | null };

/**
 * One lead's thread: the loader's page, older pages on demand, live events from the lead's room, and sends
 * shown at once and reconciled by their idempotency key (clientMessageId).
 */
export function useThread(args: {
  workspaceId: string;
  leadId: string;
  conversationId: string | null;
  initial: Page | null;
  /** Unread count when opened. */
  unread: number;
  onMovedTo: (conversationId: string) => void;
  onRetried?: (messageId: string) => void;
}) {
  const { workspaceId, leadId, initial, onMovedTo } = args;
  const [conversationId, setConversationId] = useState(args.conversationId);
  const [messages, setMessages] = useState<Message[]>(initial?.messages ?? []);
  const [older, setOlder] = useState(initial?.olderCursor ?? null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = useRef(conversationId);
  current.current = conversationId;

  const upsert = useCallback((incoming: Message[]) => setMessages((cur) => upsertMessages(cur, incoming)), []);

  const catchUp = useCallback(() => {
    const id = current.current;
    if (id)
      getJson<Page>(`/api/conversations/${id}?limit=30`).then(
        (p) => upsert(p.messages),
        () => {},
      );
  }, [upsert]);

  const refused = useRoomEvents<LeadEvent>("lead-room", `${workspaceId}.${leadId}`, (event) => {
    if (!event) return catchUp();
    const m = event.message;
    if (!m || (current.current && m.conversationId !== current.current)) return;
    upsert([m]);
  });

  // Opening a thread with unread messages marks it read; so does a new message arriving while it is open.
  const inbound = messages.filter((m) => m.direction === "inbound").length;
  const seenInbound = useRef(args.unread > 0 ? -1 : inbound);
  useEffect(() => {
    if (!conversationId || inbound <= seenInbound.current) return;
    seenInbound.current = inbound;
    void inboxAction({ intent: "read", conversationId });
  }, [conversationId, inbound]);

  async function loadOlder() {
    if (!older || !conversationId || loadingOlder) return;
    setLoadingOlder(true);
    try {
      const page = await getJson<Page>(`/api/conversations/${conversationId}?limit=30&before=${older}`);
      upsert(page.messages);
      setOlder(page.olderCursor);
    } catch {
      setError("Could not load older messages.");
    } finally {
      setLoadingOlder(false);
    }
  }

  async function submit(body: Record<string, unknown>, clientMessageId?: string): Promise<boolean> {
    const res = await inboxAction<{ message: Message }>(body);
    if (!res.ok) {
      if (clientMessageId)
        setMessages((cur) =>
          cur.map((m) => (m.clientMessageId === clientMessageId ? { ...m, sendError: res.error } : m)),
        );
      else setError(res.error);
      return false;
    }
    const m = res.message;
    if (current.current && m.conversationId !== current.current) {
      onMovedTo(m.conversationId);
      return true;
    }
    if (!current.current) setConversationId(m.conversationId);
    upsert([m]);
    return true;
  }

  function send(body: string, channel: Channel) {
    const clientMessageId = crypto.randomUUID();
    upsert([optimisticMessage({ clientMessageId, leadId, conversationId, channel, body })]);
    void submit(
      {
        intent: "send",
        leadId,
        conversationId: conversationId ?? undefined,
        channel,
        body,
        idempotencyKey: clientMessageId,
      },
      clientMessageId,
    );
  }

  const retry = (m: Message) =>
    void submit({ intent: "retry", messageId: m.id }).then((ok) => ok && args.onRetried?.(m.id));
  const sendNow = (m: Message) =>
    void submit({
      intent: "send",
      leadId,
      conversationId: m.conversationId,
      channel: m.channel,
      body: m.body,
      idempotencyKey: m.clientMessageId ?? m.id,
      sendNow: true,
    });

  return { conversationId, messages, older, loadingOlder, loadOlder, send, retry, sendNow, error, refused };
}
