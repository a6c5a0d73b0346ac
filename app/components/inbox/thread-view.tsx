import { Fragment, useLayoutEffect, useRef } from "react";
import { Link } from "react-router";
import { ChannelBadge } from "./channel-badge";
import { Composer } from "./composer";
import { dayKey, dayLabel } from "./format";
import { MessageBubble } from "./message-bubble";
import { ThreadHeader } from "./thread-header";
import { wasRetried } from "./thread-state";
import type { ComposerOptions, InboxItem, LeadPanel, Message } from "./types";
import { useThread } from "./use-thread";

/** The open thread: header, messages with day separators (older ones load when scrolled to the top), composer. */
export function ThreadView(props: {
  workspaceId: string;
  lead: LeadPanel;
  conversation: InboxItem | null;
  initial: { messages: Message[]; olderCursor: string | null } | null;
  composer: ComposerOptions | null;
  members: { userId: string; email: string }[];
  backHref: string;
  onMovedTo: (conversationId: string) => void;
  /** A failed message was sent again (the Failed tab's count). */
  onRetried: (messageId: string) => void;
}) {
  const { lead, conversation } = props;
  const t = useThread({
    workspaceId: props.workspaceId,
    leadId: lead.id,
    conversationId: conversation?.id ?? null,
    initial: props.initial,
    unread: conversation?.unreadCount ?? 0,
    onMovedTo: props.onMovedTo,
    onRetried: props.onRetried,
  });
  const scroller = useRef<HTMLDivElement>(null);
  const anchor = useRef<{ height: number; top: number; atBottom: boolean }>({ height: 0, top: 0, atBottom: true });

  // Keep the view where the reader is: at the bottom for new messages, in place when older ones load above.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after every change of the message list
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const before = anchor.current;
    if (before.atBottom) el.scrollTop = el.scrollHeight;
    else if (el.scrollHeight !== before.height) el.scrollTop = before.top + (el.scrollHeight - before.height);
    anchor.current = { height: el.scrollHeight, top: el.scrollTop, atBottom: before.atBottom };
  }, [t.messages]);

  function onScroll() {
    const el = scroller.current!;
    anchor.current = {
      height: el.scrollHeight,
      top: el.scrollTop,
      atBottom: el.scrollHeight - el.scrollTop - el.clientHeight < 40,
    };
    if (el.scrollTop < 60) void t.loadOlder();
  }

  return (
    <section aria-label={`Conversation with ${lead.fullName}`} className="flex min-h-0 flex-1 flex-col">
      <div className="flex items-center gap-2 border-b border-ink-800 p-3">
        <Link
          to={props.backHref}
          className="rounded-md px-2 py-1 text-sm text-ink-300 hover:bg-ink-800 md:hidden"
          aria-label="Back to conversations"
        >
          ← Back
        </Link>
        <div className="min-w-0 flex-1">
          <h2 className="truncate font-semibold text-ink-100">{lead.fullName}</h2>
          {conversation && <ChannelBadge channel={conversation.channel} />}
        </div>
        {conversation && <ThreadHeader conversation={conversation} members={props.members} />}
      </div>
      <div ref={scroller} onScroll={onScroll} className="min-h-0 flex-1 overflow-y-auto px-3 py-2">
        {t.older && (
          <button
            type="button"
            onClick={() => t.loadOlder()}
            className="mx-auto mb-2 block rounded-lg px-3 py-1 text-xs text-ink-300 hover:bg-ink-800"
          >
            {t.loadingOlder ? "Loading older messages…" : "Load older messages"}
          </button>
        )}
        {t.messages.length === 0 ? (
          <p className="mt-10 text-center text-sm text-ink-400">
            No messages yet. Say hello to {lead.fullName.split(" ")[0]}.
          </p>
        ) : (
          <ol aria-label="Messages" className="flex flex-col gap-2">
            {t.messages.map((m, i) => (
              <Fragment key={m.clientMessageId ?? m.id}>
                {(i === 0 || dayKey(t.messages[i - 1]!.createdAt) !== dayKey(m.createdAt)) && (
                  <li aria-hidden className="my-2 text-center text-xs text-ink-400">
                    {dayLabel(m.createdAt)}
                  </li>
                )}
                <MessageBubble
                  message={m}
                  retried={wasRetried(t.messages, m)}
                  onRetry={t.retry}
                  onSendNow={t.sendNow}
                />
              </Fragment>
            ))}
          </ol>
        )}
        {(t.error || t.refused) && (
          <p role="alert" className="mt-2 text-sm text-red-300">
            {t.error ?? t.refused}
          </p>
        )}
      </div>
      <Composer options={props.composer} preferred={conversation?.channel ?? null} onSend={t.send} />
    </section>
  );
}
