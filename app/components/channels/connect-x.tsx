import { useState } from "react";
import { channelApi } from "./channel-api";

/**
 * "Connect X account": asks the API for X's authorize URL (OAuth 2.0 with PKCE) and sends the browser there; X
 * brings it back to /api/channels/x/callback, which redirects here with ?connected=x or ?error=<reason>.
 */
export function ConnectX({ label = "Connect X account" }: { label?: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function start() {
    setBusy(true);
    const res = await channelApi<{ url: string }>("POST", "/x/connect");
    if (res.ok) return window.location.assign(res.data.url);
    setBusy(false);
    setError(res.status === 503 ? `X is not available: ${res.error}` : res.error);
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        onClick={() => void start()}
        disabled={busy}
        className="rounded-lg border border-ink-700 px-4 py-2 text-sm font-medium text-ink-100 hover:bg-ink-800 disabled:opacity-50"
      >
        {busy ? "Opening X…" : label}
      </button>
      {error && (
        <p role="alert" className="max-w-xs text-right text-sm text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}
