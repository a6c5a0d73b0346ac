import { useSearchParams } from "react-router";

/**
 * What a provider callback's `?error=` words mean (Facebook/Instagram and X redirect to the same page; the URL never
 * carries a provider's own text). Words both use are worded for either.
 */
const ERRORS: Record<string, string> = {
  // Facebook and Instagram.
  expired: "That connect link expired or was already used. Start connecting again.",
  denied: "Connecting was cancelled on Facebook.",
  nothing_granted: "Facebook did not grant any Page (or Instagram account linked to a Page). Try again and select one.",
  graph: "Facebook did not complete the connection. Try again in a moment.",
  // X.
  access_denied: "X access was not granted. Connect again and choose “Authorize app”.",
  state_invalid: "That connect link had expired or was already used. Start connecting again.",
  wrong_user: "That connect link was started by someone else. Start connecting from your own session.",
  token_exchange_failed: "X did not accept the sign-in. Start connecting again.",
  profile_failed: "X did not say which account signed in. Try again in a moment.",
  // Either.
  not_configured: "That channel is not configured on this deployment.",
  forbidden: "Only an owner or admin of this workspace can connect channels, from their own session.",
  connected_elsewhere: "That account is already connected in another workspace. Disconnect it there first.",
  failed: "Connecting did not finish. Try again in a moment.",
};

const CONNECTED: Record<string, string> = {
  facebook: "Facebook Page connected. Messages to it now arrive in the inbox, and you can answer within Meta's window.",
  instagram: "Instagram connected. Messages to it now arrive in the inbox, and you can answer within Meta's window.",
  x: "X account connected. Direct messages to it now arrive in the inbox.",
};

/** The outcome of a connect round trip, once, from the URL the provider's callback redirected to. */
export function ConnectResultBanner() {
  const [params, setParams] = useSearchParams();
  const connected = CONNECTED[params.get("connected") ?? ""];
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
      <span>{error ? (ERRORS[error] ?? "Connecting did not work. Try again.") : connected}</span>
      <button type="button" onClick={dismiss} className="underline underline-offset-2">
        Dismiss
      </button>
    </p>
  );
}
