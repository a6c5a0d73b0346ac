import { Link } from "react-router";

const tab = "flex flex-1 items-center justify-center gap-1.5 rounded-lg px-3 py-1.5 text-sm";

/** Conversations or the Failed (dead-letter) view; a link each, so the URL holds the view. */
export function InboxTabs({
  view,
  hrefs,
  failedCount,
}: {
  view: "conversations" | "failed";
  hrefs: { conversations: string; failed: string };
  failedCount: number;
}) {
  const cls = (on: boolean) =>
    `${tab} ${on ? "bg-ink-800 font-medium text-white" : "text-ink-300 hover:bg-ink-900 hover:text-ink-100"}`;
  return (
    <nav aria-label="Inbox views" className="flex gap-1 border-b border-ink-800 p-2">
      <Link
        to={hrefs.conversations}
        aria-current={view === "conversations" ? "page" : undefined}
        className={cls(view === "conversations")}
      >
        Conversations
      </Link>
      <Link to={hrefs.failed} aria-current={view === "failed" ? "page" : undefined} className={cls(view === "failed")}>
        Failed
        {failedCount > 0 && (
          <span data-failed-count className="rounded-full bg-red-600 px-1.5 text-xs font-semibold text-white">
            {failedCount > 99 ? "99+" : failedCount}
            <span className="sr-only"> failed messages</span>
          </span>
        )}
      </Link>
    </nav>
  );
}
