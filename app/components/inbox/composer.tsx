import { useEffect, useId, useState } from "react";
import type { Channel, ComposerOptions } from "./types";

/**
 * Writes and sends: Enter sends, Shift+Enter starts a new line. The channel switcher offers the lead's
 * channels, the impossible ones disabled with their reason; when nothing can be sent, it says why.
 */
export function Composer({
  options,
  preferred,
  onSend,
}: {
  options: ComposerOptions | null;
  preferred: Channel | null;
  onSend: (body: string, channel: Channel) => void;
}) {
  const id = useId();
  const possible = (c: Channel | null) => !!c && !!options?.channels.some((o) => o.channel === c && o.possible);
  const initial = possible(preferred) ? preferred : (options?.defaultChannel ?? null);
  const [channel, setChannel] = useState<Channel | null>(initial);
  const [draft, setDraft] = useState("");
  useEffect(() => setChannel(initial), [initial]);

  const chosen = options?.channels.find((o) => o.channel === channel);
  const reason =
    options?.blocked?.reason ??
    (!options
      ? "Loading the lead's channels…"
      : !chosen
        ? "No channel can reach this lead."
        : chosen.possible
          ? null
          : chosen.reason);
  const disabled = reason !== null;

  function send() {
    const body = draft.trim();
    if (!body || disabled || !channel) return;
    onSend(body, channel);
    setDraft("");
  }

  return (
    <form
      aria-label="Write a message"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
      className="border-t border-ink-800 p-3"
    >
      <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
        <label htmlFor={`${id}-channel`} className="text-ink-300">
          Send via
        </label>
        <select
          id={`${id}-channel`}
          value={channel ?? ""}
          onChange={(e) => setChannel(e.target.value as Channel)}
          disabled={!options || options.channels.length === 0}
          className="rounded-lg border border-ink-700 bg-ink-900 px-2 py-1 text-ink-100"
        >
          {!channel && <option value="">No channel</option>}
          {options?.channels.map((o) => (
            <option key={o.channel} value={o.channel} disabled={!o.possible}>
              {o.channel === "sandbox" ? "Sandbox (test, no real person)" : o.label}
              {o.possible ? "" : ` — ${o.reason ?? "not possible"}`}
            </option>
          ))}
        </select>
        {channel === "sandbox" && (
          <span className="rounded-full bg-amber-500/20 px-2 py-0.5 text-xs text-amber-200">
            Sandbox: simulated recipient
          </span>
        )}
      </div>
      {reason && (
        <p id={`${id}-reason`} role="status" className="mb-2 text-sm text-amber-200">
          {reason}
        </p>
      )}
      <div className="flex items-end gap-2">
        <label htmlFor={`${id}-body`} className="sr-only">
          Message
        </label>
        <textarea
          id={`${id}-body`}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              send();
            }
          }}
          disabled={disabled}
          aria-describedby={reason ? `${id}-reason` : undefined}
          rows={2}
          maxLength={10000}
          placeholder={disabled ? "" : "Write a message — Enter sends, Shift+Enter for a new line"}
          className="min-h-11 flex-1 resize-y rounded-lg border border-ink-700 bg-ink-950 px-3 py-2 text-sm text-ink-100 placeholder:text-ink-500 disabled:opacity-60"
        />
        <button
          type="submit"
          disabled={disabled || !draft.trim()}
          className="rounded-lg bg-accent-500 px-4 py-2 text-sm font-medium text-white hover:bg-accent-400 disabled:opacity-50"
        >
          Send
        </button>
      </div>
    </form>
  );
}
