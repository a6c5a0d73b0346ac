import { useState } from "react";
import { Link } from "react-router";
import { ChannelBadge } from "./channel-badge";
import { dateTime, timeAgo } from "./format";
import { inboxAction } from "./inbox-api";
import type { Message } from "./types";
import { useRoomEvents } from "./use-room-events";
import { ListFooter } from "./list-footer";
import { useLivePage } from "./use-live-page";

export type FailedMessage = Message & { leadName: string };
export type FailedPage = { messages: FailedMessage[]; nextCursor: string | null };
type InboxEvent = { type: string; messageId?: string };

/** Error codes of the policy, the orchestrator and the channels, in the words a rep would use. */
const REASONS: Record<string, string> = {
  retries_exhausted: "Retries exhausted",
  recipient_unavailable: "Recipient unavailable",
  provider_unavailable: "Provider unavailable",
  provider_rejected: "Rejected by the provider",
  suppressed: "Opted out",
  sample_lead: "Sample lead (Sandbox only)",
  no_account: "No account connected",
  no_handle: "No contact on this channel",
  window_closed: "Reply window closed",
  no_adapter: "Channel not available",
};

export function failureReason(m: Pick<Message, "errorCode">): string {
  const code = m.errorCode?.toLowerCase() ?? "";
  if (REASONS[code]) return REASONS[code]!;
  if (!code) return "Not sent";
  const words = code.replace(/[_-]+/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const failedAt = (m: Message) => m.failedAt ?? m.createdAt;

/**
 * The dead-letter view: outbound messages that failed and nobody retried yet, newest first, with Retry. A
 * retried row leaves the list; a new failure (the retry's included) comes in live from the inbox room.
 */
export function FailedList({
  workspaceId,
  initial,
  hrefFor,
  selectedId,
  retriedIds,
  onFailed,
  onRetried,
}: {
  workspaceId: string;
  initial: FailedPage;
  hrefFor: (conversationId: string) => string;
  selectedId: string | null;
  /** Failures retried on this page (here or in a thread): they leave the list. */
  retriedIds: ReadonlySet<string>;
  onFailed: (messageId: string) => void;
  onRetried: (messageId: string) => void;
}) {
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [retrying, setRetrying] = useState<Set<string>>(new Set());
  const { items, cursor, loading, error, loadMore, refetchFirstPage } = useLivePage<FailedMessage>({
    initialItems: initial.messages,
    initialCursor: initial.nextCursor,
    url: (cursor) => `/api/messages/failed${cursor ? `?cursor=${cursor}` : ""}`,
    itemsOf: (page) => ({ items: (page as FailedPage).messages, nextCursor: (page as FailedPage).nextCursor }),
    order: (a, b) => (failedAt(a) < failedAt(b) ? 1 : failedAt(a) > failedAt(b) ? -1 : a.id < b.id ? 1 : -1),
    keep: (m) => !retriedIds.has(m.id),
    loadError: "Could not load more failed messages.",
  });
  const shown = items.filter((m) => !retriedIds.has(m.id));

  useRoomEvents<InboxEvent>("live-room", `${workspaceId}.inbox`, (event) => {
    if (event && event.type !== "message.failed") return;
    if (event?.messageId) onFailed(event.messageId);
    refetchFirstPage();
  });

  async function retry(m: FailedMessage) {
    setRetrying((s) => new Set(s).add(m.id));
    setRowErrors(({ [m.id]: _, ...rest }) => rest);
    const res = await inboxAction<{ message: Message }>({ intent: "retry", messageId: m.id });
    setRetrying((s) => {
      const next = new Set(s);
      next.delete(m.id);
      return next;
    });
    if (!res.ok) return setRowErrors((e) => ({ ...e, [m.id]: res.error }));
    onRetried(m.id);
  }

  return (
    <section aria-label="Failed messages" className="flex min-h-0 flex-1 flex-col">
      {shown.length === 0 ? (
        <div className="m-3 rounded-xl border border-dashed border-ink-700 p-6 text-center text-sm text-ink-300">
          No failed messages. Messages that cannot be sent show up here with Retry.
        </div>
      ) : (
        <ul aria-label="Failed message list" className="min-h-0 flex-1 overflow-y-auto">
          {shown.map((m) => (
            <li
              key={m.id}
              data-failed-id={m.id}
              className={`flex flex-col gap-1 border-b border-ink-800 px-3 py-2.5 ${m.conversationId === selectedId ? "bg-ink-800" : ""}`}
            >
              <span className="flex items-center gap-2">
                <ChannelBadge channel={m.channel} iconOnly />
                <span className="min-w-0 flex-1 truncate font-medium text-ink-100">{m.leadName}</span>
                <time dateTime={failedAt(m)} title={dateTime(failedAt(m))} className="shrink-0 text-xs text-ink-400">
                  {timeAgo(failedAt(m))}
                </time>
              </span>
              <span className="truncate text-sm text-ink-300" title={m.body}>
                {m.body}
              </span>
              <span className="text-xs text-red-300">
                <span className="font-semibold">{failureReason(m)}</span>
                {m.errorMessage && <span className="text-red-300/80"> — {m.errorMessage}</span>}
              </span>
              <span className="flex items-center gap-2">
                <button
                  type="button"
                  onClick={() => retry(m)}
                  disabled={retrying.has(m.id)}
                  aria-label={`Retry message to ${m.leadName}`}
                  className="rounded border border-red-700 px-2 py-0.5 text-xs text-red-100 hover:bg-red-900/40 disabled:opacity-60"
                >
                  {retrying.has(m.id) ? "Retrying…" : "Retry"}
                </button>
                <Link
                  to={hrefFor(m.conversationId)}
                  preventScrollReset
                  className="rounded px-2 py-0.5 text-xs text-ink-200 underline-offset-2 hover:underline"
                >
                  Open thread<span className="sr-only"> with {m.leadName}</span>
                </Link>
              </span>
              {rowErrors[m.id] && (
                <span role="alert" className="text-xs text-red-300">
                  {rowErrors[m.id]}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      <ListFooter more={Boolean(cursor)} loading={loading} onMore={loadMore} error={error} />
    </section>
  );
}
