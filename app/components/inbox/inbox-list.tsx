import { useCallback, useRef, useState } from "react";
import { ConversationRow } from "./conversation-row";
import { InboxFilters } from "./inbox-filters";
import type { InboxFilters as Filters, InboxItem } from "./types";
import { filtersQuery } from "./types";
import { useRoomEvents } from "./use-room-events";
import { ListFooter } from "./list-footer";
import { useLivePage } from "./use-live-page";

type Page = { conversations: InboxItem[]; nextCursor: string | null };
type InboxEvent = { type: string; messageId?: string; conversation?: Partial<InboxItem> & { id: string } };

const activity = (c: InboxItem) => c.lastMessageAt ?? c.createdAt;
const byActivity = (a: InboxItem, b: InboxItem) =>
  activity(a) < activity(b) ? 1 : activity(a) > activity(b) ? -1 : a.id < b.id ? 1 : -1;

/** The conversation list: live (the workspace's inbox room), keyset "Load more", arrow-key navigation. */
export function InboxList({
  workspaceId,
  initial,
  filters,
  selectedId,
  hrefFor,
  onFailed,
}: {
  workspaceId: string;
  initial: Page;
  filters: Filters;
  selectedId: string | null;
  hrefFor: (id: string) => string;
  /** A message failed somewhere in the workspace (the Failed tab's count). */
  onFailed: (messageId: string) => void;
}) {
  const [focusId, setFocusId] = useState<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const query = filtersQuery(filters).toString();
  const { items, setItems, cursor, loading, error, loadMore, refetchFirstPage } = useLivePage<InboxItem>({
    initialItems: initial.conversations,
    initialCursor: initial.nextCursor,
    url: (cursor) => `/api/conversations?${query}${cursor ? `${query ? "&" : ""}cursor=${cursor}` : ""}`,
    itemsOf: (page) => ({ items: (page as Page).conversations, nextCursor: (page as Page).nextCursor }),
    order: byActivity,
    loadError: "Could not load more conversations.",
  });

  useRoomEvents<InboxEvent>("live-room", `${workspaceId}.inbox`, (event) => {
    if (event?.type === "message.failed") return event.messageId ? onFailed(event.messageId) : undefined;
    const changed = event?.conversation;
    if (changed) setItems((cur) => cur.map((c) => (c.id === changed.id ? { ...c, ...changed } : c)).sort(byActivity));
    // New conversations need their lead, and filters may now include or exclude one: ask for the first page.
    refetchFirstPage();
  });

  const focusable = focusId ?? selectedId ?? items[0]?.id ?? null;
  const onKeyDown = useCallback((e: React.KeyboardEvent<HTMLAnchorElement>) => {
    if (!["ArrowDown", "ArrowUp", "Home", "End"].includes(e.key)) return;
    e.preventDefault();
    const links = [...(listRef.current?.querySelectorAll<HTMLAnchorElement>("a[data-conversation-id]") ?? [])];
    const i = links.indexOf(e.currentTarget);
    const next =
      e.key === "Home"
        ? links[0]
        : e.key === "End"
          ? links.at(-1)
          : links[Math.max(0, Math.min(links.length - 1, i + (e.key === "ArrowDown" ? 1 : -1)))];
    next?.focus();
    setFocusId(next?.dataset.conversationId ?? null);
  }, []);

  return (
    <section aria-label="Conversations" className="flex min-h-0 flex-col">
      <InboxFilters filters={filters} />
      {items.length === 0 ? (
        <div className="m-3 rounded-xl border border-dashed border-ink-700 p-6 text-center text-sm text-ink-300">
          {query
            ? "No conversation matches these filters."
            : "No conversations yet. Open a lead from the CRM and press Message to start one."}
        </div>
      ) : (
        <ul ref={listRef} aria-label="Conversation list" className="min-h-0 flex-1 overflow-y-auto">
          {items.map((item) => (
            <ConversationRow
              key={item.id}
              item={item}
              href={hrefFor(item.id)}
              selected={item.id === selectedId}
              focusable={item.id === focusable}
              onKeyDown={onKeyDown}
            />
          ))}
        </ul>
      )}
      <ListFooter more={Boolean(cursor)} loading={loading} onMore={loadMore} error={error} />
    </section>
  );
}
