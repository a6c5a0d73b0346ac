import { memo } from "react";
import { clock, dateTime } from "./format";
import type { Message } from "./types";

const TICKS: Partial<Record<Message["status"], { mark: string; label: string }>> = {
  queued: { mark: "◷", label: "Queued" },
  sent: { mark: "✓", label: "Sent" },
  delivered: { mark: "✓✓", label: "Delivered" },
  read: { mark: "✓✓", label: "Read" },
};

/** One message: the lead's on the left, ours on the right with its status, a failure's reason and Retry. */
export const MessageBubble = memo(function MessageBubble({
  message: m,
  retried,
  onRetry,
  onSendNow,
}: {
  message: Message;
  retried: boolean;
  onRetry: (m: Message) => void;
  onSendNow: (m: Message) => void;
}) {
  const outbound = m.direction === "outbound";
  const tick = TICKS[m.status];
  const held = outbound && m.status === "queued" && m.holdUntil && new Date(m.holdUntil).getTime() > Date.now();
  return (
    <li
      data-message-id={m.id}
      data-status={m.status}
      className={`flex flex-col ${outbound ? "items-end" : "items-start"} motion-safe:animate-fade-up`}
    >
      <div
        className={`max-w-[85%] whitespace-pre-wrap break-words rounded-2xl px-3 py-2 text-sm sm:max-w-[70%] ${
          outbound
            ? m.status === "failed"
              ? "rounded-br-sm border border-red-800 bg-red-950/60 text-red-50"
              : "rounded-br-sm bg-accent-600 text-white"
            : "rounded-bl-sm bg-ink-800 text-ink-100"
        }`}
      >
        {m.body}
      </div>
      <p className="mt-0.5 flex items-center gap-1.5 text-xs text-ink-400">
        <time dateTime={m.createdAt} title={dateTime(m.createdAt)}>
          {clock(m.createdAt)}
        </time>
        {outbound && tick && (
          <span
            role="img"
            aria-label={tick.label}
            title={tick.label}
            className={m.status === "read" ? "text-sky-300" : undefined}
            data-tick={m.status}
          >
            {tick.mark}
          </span>
        )}
        {m.sendError && <span className="text-red-300">Not sent: {m.sendError}</span>}
      </p>
      {held && (
        <p className="mt-0.5 flex items-center gap-2 text-xs text-amber-200">
          Held until {dateTime(m.holdUntil!)} (quiet hours)
          <button
            type="button"
            onClick={() => onSendNow(m)}
            className="rounded border border-amber-700 px-1.5 py-0.5 hover:bg-amber-900/40"
          >
            Send now
          </button>
        </p>
      )}
      {outbound && m.status === "failed" && (
        <p role="status" className="mt-0.5 flex items-center gap-2 text-xs text-red-300">
          Failed: {m.errorMessage ?? m.errorCode ?? "the channel refused it"}
          {retried ? (
            <span className="text-ink-400">Retried</span>
          ) : (
            <button
              type="button"
              onClick={() => onRetry(m)}
              className="rounded border border-red-700 px-1.5 py-0.5 text-red-100 hover:bg-red-900/40"
            >
              Retry
            </button>
          )}
        </p>
      )}
    </li>
  );
});
