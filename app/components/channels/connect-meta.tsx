import { useState } from "react";
import { useSearchParams } from "react-router";
import { channelApi } from "./channel-api";

type MetaChannel = "facebook" | "instagram";

/** What the callback's `?error=` words mean, for the banner (the URL never carries Meta's own text). */
const ERRORS: Record<string, string> = {
  expired: "That connect link expired or was already used. Start connecting again.",
  denied: "Connecting was cancelled on Facebook.",
  nothing_granted: "Facebook did not grant any Page (or Instagram account linked to a Page). Try again and select one.",
  graph: "Facebook did not complete the connection. Try again in a moment.",
  not_configured: "Facebook and Instagram are not configured on this deployment.",
  forbidden: "Only an owner or admin of this workspace can connect channels, from their own session.",
  connected_elsewhere: "That Page is already connected in another workspace. Disconnect it there first.",
  failed: "Connecting did not finish. Try again in a moment.",
};

const LABEL: Record<MetaChannel, string> = { facebook: "Facebook Page", instagram: "Instagram" };

/**
 * "Connect a Facebook Page" / "Connect Instagram": asks the API for Meta's dialog URL and goes there; Meta brings the
 * browser back to /dashboard/channels?connected=… (or ?error=…), which the banner below reads.
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

/** The outcome of a connect round trip, from the URL Meta's callback redirected to. */
export function MetaConnectBanner() {
  const [params] = useSearchParams();
  const connected = params.get("connected");
  const error = params.get("error");
  if (connected === "facebook" || connected === "instagram")
    return (
      <p
        role="status"
        className="mt-4 rounded-lg border border-emerald-500/40 bg-emerald-500/10 px-4 py-3 text-sm text-emerald-200"
      >
        {LABEL[connected]} connected. Messages to it now arrive in the inbox, and you can answer within Meta's window.
      </p>
    );
  if (error)
    return (
      <p role="alert" className="mt-4 rounded-lg border border-red-500/40 bg-red-500/10 px-4 py-3 text-sm text-red-200">
        {ERRORS[error] ?? "Connecting to Facebook did not work. Try again."}
      </p>
    );
  return null;
}
