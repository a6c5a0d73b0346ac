import { memo } from "react";
import { Link } from "react-router";
import { ChannelBadge } from "./channel-badge";
import { timeAgo } from "./format";
import type { InboxItem } from "./types";

/** One list entry: unread ones are bold with a count; a roving tabindex makes the list one tab stop. */
export const ConversationRow = memo(function ConversationRow({
  item,
  href,
  selected,
  focusable,
  onKeyDown,
}: {
  item: InboxItem;
  href: string;
  selected: boolean;
  focusable: boolean;
  onKeyDown: (e: React.KeyboardEvent<HTMLAnchorElement>) => void;
}) {
  const unread = item.unreadCount > 0;
  return (
    <li>
      <Link
        to={href}
        preventScrollReset
        tabIndex={focusable ? 0 : -1}
        data-conversation-id={item.id}
        aria-current={selected ? "true" : undefined}
        onKeyDown={onKeyDown}
        className={`flex flex-col gap-0.5 border-b border-ink-800 px-3 py-2.5 outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-accent-400 ${selected ? "bg-ink-800" : "hover:bg-ink-900"}`}
      >
        <span className="flex items-center gap-2">
          <ChannelBadge channel={item.channel} iconOnly />
          <span className={`min-w-0 flex-1 truncate ${unread ? "font-semibold text-white" : "text-ink-100"}`}>
            {item.lead.fullName}
          </span>
          <time dateTime={item.lastMessageAt ?? item.createdAt} className="shrink-0 text-xs text-ink-400">
            {timeAgo(item.lastMessageAt ?? item.createdAt)}
          </time>
        </span>
        <span className="flex items-center gap-2">
          <span className={`min-w-0 flex-1 truncate text-sm ${unread ? "text-ink-100" : "text-ink-400"}`}>
            {item.lastMessageDirection === "outbound" && "You: "}
            {item.lastMessagePreview ?? "No messages yet"}
          </span>
          {unread && (
            <span className="rounded-full bg-accent-500 px-1.5 text-xs font-semibold text-white">
              {item.unreadCount}
              <span className="sr-only"> unread</span>
            </span>
          )}
        </span>
      </Link>
    </li>
  );
});
