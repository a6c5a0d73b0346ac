import { useState } from "react";
import { useSearchParams } from "react-router";
import { channelApi } from "./channel-api";

/** Why connecting X did not finish, by the `?error=` the callback redirected with. */
const ERRORS: Record<string, string> = {
  access_denied: "X access was not granted. Connect again and choose “Authorize app”.",
  state_invalid: "That connect link had expired or was already used. Start connecting again.",
  wrong_user: "That connect link was started by someone else. Start connecting from your own session.",
  token_exchange_failed: "X did not accept the sign-in. Start connecting again.",
  profile_failed: "X did not say which account signed in. Try again in a moment.",
  not_configured: "X is not configured on this server.",
  connected_elsewhere: "That X account is already connected in another workspace. Disconnect it there first.",
  forbidden: "Only an owner or admin of this workspace can connect channels.",
  failed: "Connecting X did not finish. Try again in a moment.",
};

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

/** The outcome of an X connect, once, after X sent the browser back. */
export function XConnectBanner() {
  const [params, setParams] = useSearchParams();
  const connected = params.get("connected") === "x";
  const error = params.get("error");
  if (!connected && !error) return null;
  const dismiss = () => setParams({}, { replace: true });
  return (
    <p
      role={error ? "alert" : "status"}
      className={`mt-4 flex items-start justify-between gap-3 rounded-lg border px-4 py-3 text-sm ${
        error
          ? "border-red-500/40 bg-red-500/10 text-red-200"
          : "border-emerald-500/40 bg-emerald-500/10 text-emerald-200"
      }`}
    >
      <span>
        {error
          ? (ERRORS[error] ?? "Connecting X did not work. Try again.")
          : "X account connected. Direct messages to it now arrive in the inbox."}
      </span>
      <button type="button" onClick={dismiss} className="underline underline-offset-2">
        Dismiss
      </button>
    </p>
  );
}
