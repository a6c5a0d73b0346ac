import { useState } from "react";
import { channelApi } from "./channel-api";

type MetaChannel = "facebook" | "instagram";

/**
 * "Connect a Facebook Page" / "Connect Instagram": asks the API for Meta's dialog URL and goes there; Meta brings the
 * browser back to /dashboard/channels?connected=… (or ?error=…), which ConnectResultBanner reads.
 */
export function ConnectMeta() {
  const [busy, setBusy] = useState<MetaChannel | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function start(channel: MetaChannel) {
    setBusy(channel);
    const res = await channelApi<{ url: string }>("POST", "/meta/connect", { channel });
    if (!res.ok) {
      setBusy(null);
      return setError(res.error);
    }
    window.location.assign(res.data.url);
  }

  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap gap-2">
        {(["facebook", "instagram"] as const).map((channel) => (
          <button
            key={channel}
            type="button"
            disabled={busy !== null}
            onClick={() => void start(channel)}
            className="rounded-lg border border-ink-700 px-4 py-2 text-sm font-medium text-ink-100 hover:bg-ink-800 disabled:opacity-50"
          >
            {busy === channel
              ? "Opening Facebook…"
              : channel === "facebook"
                ? "Connect a Facebook Page"
                : "Connect Instagram"}
          </button>
        ))}
      </div>
      {error && (
        <p role="alert" className="max-w-md text-right text-sm text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}
