import { useState } from "react";
import { CHANNEL_NAMES } from "../inbox/channel-badge";
import { channelApi } from "./channel-api";
import { LinkedinCookieForm } from "./connect-linkedin";
import { ConnectX } from "./connect-x";
import { LimitsForm } from "./limits-form";
import { OWN_SESSION_STATEMENT } from "./linkedin-cookie-fields";
import { PairingPanel } from "./pairing-panel";
import type { ChannelAccount } from "./types";
import { formatPhone, isPairing, needsCookie, statusLabel } from "./types";

const DOT: Record<ChannelAccount["status"], string> = {
  connected: "bg-emerald-400",
  pending: "bg-amber-300",
  disconnected: "bg-ink-500",
  failed: "bg-red-400",
};
const action = "rounded-lg border border-ink-700 px-3 py-1.5 text-sm hover:bg-ink-800 disabled:opacity-50";

/** One account: its state in words, the number, what can be done with it now, and its limits. */
export function AccountCard({
  account,
  isAdmin,
  onChanged,
  onRemoved,
}: {
  account: ChannelAccount;
  isAdmin: boolean;
  onChanged: (a: ChannelAccount) => void;
  onRemoved: (id: string) => void;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const isHost = account.provider === "session-host";
  // Facebook Pages and Instagram accounts: connected through Meta's dialog, so only removal happens here.
  const isMeta = account.provider === "meta";
  const isX = account.provider === "x-api";
  const isLinkedin = account.channel === "linkedin" && isHost;
  const phone = formatPhone(account.phone);

  async function run(name: "pause" | "resume" | "reconnect") {
    setBusy(name);
    const res = await channelApi<{ account: ChannelAccount }>("POST", `/${account.id}/${name}`);
    setBusy(null);
    if (!res.ok) return setError(res.error);
    setError(null);
    onChanged(res.data.account);
  }

  async function remove() {
    setBusy("remove");
    const res = await channelApi<undefined>("DELETE", `/${account.id}`);
    setBusy(null);
    setConfirming(false);
    if (!res.ok) return setError(res.error);
    onRemoved(account.id);
  }

  const ended = account.status === "disconnected" || account.status === "failed";
  const disconnect = (
    <button
      type="button"
      className={`${action} text-red-300`}
      disabled={busy !== null}
      onClick={() => setConfirming(true)}
    >
      Disconnect
    </button>
  );
  return (
    <li className="rounded-2xl border border-ink-800 bg-ink-900 p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="flex items-center gap-2 font-medium">
            <span aria-hidden className={`inline-block h-2.5 w-2.5 rounded-full ${DOT[account.status]}`} />
            <span className="truncate">{account.name}</span>
            <span className="text-sm font-normal text-ink-300">{CHANNEL_NAMES[account.channel]}</span>
          </p>
          <p className="mt-1 text-sm text-ink-300">
            <span className="text-ink-100">{statusLabel(account)}</span>
            {phone && <span> · {phone}</span>}
            {account.paused && account.pausedUntil && (
              <span> · until {new Date(account.pausedUntil).toLocaleString()}</span>
            )}
          </p>
          {account.reason && <p className="mt-1 text-sm text-ink-300">{account.reason}</p>}
          {account.hostReachable === false && (
            <p className="mt-1 text-sm text-amber-200">
              The session host is not answering right now: this is the last known state.
            </p>
          )}
          {isLinkedin && <p className="mt-1 max-w-2xl text-xs text-ink-400">{OWN_SESSION_STATEMENT}</p>}
          {account.provider === "sandbox" && (
            <p className="mt-1 text-sm text-ink-300">A simulated recipient for trying things out. Reaches no one.</p>
          )}
        </div>
        {isX && isAdmin && !confirming && (
          <div className="flex flex-wrap gap-2">
            {ended && <ConnectX label="Reconnect X" />}
            {disconnect}
          </div>
        )}
        {isHost && (
          <div className="flex flex-wrap gap-2">
            {!ended && !isPairing(account) && (
              <button
                type="button"
                className={action}
                disabled={busy !== null}
                onClick={() => run(account.paused ? "resume" : "pause")}
              >
                {busy === "pause" ? "Pausing…" : busy === "resume" ? "Resuming…" : account.paused ? "Resume" : "Pause"}
              </button>
            )}
            <button type="button" className={action} disabled={busy !== null} onClick={() => run("reconnect")}>
              {busy === "reconnect" ? "Reconnecting…" : "Reconnect"}
            </button>
            {isAdmin && !confirming && disconnect}
          </div>
        )}
        {isMeta && isAdmin && !confirming && disconnect}
      </div>
      {isMeta && account.status === "disconnected" && isAdmin && (
        <p className="mt-2 text-sm text-amber-200">
          Connect the {account.channel === "instagram" ? "Instagram account" : "Page"} again (button above) to send from
          it.
        </p>
      )}
      {confirming && (
        <div
          role="alertdialog"
          aria-label={isMeta || isX || isLinkedin ? "Disconnect this account?" : "Disconnect this number?"}
          className="mt-3 rounded-lg border border-red-500/40 bg-red-500/10 p-3 text-sm"
          onKeyDown={(e) => e.key === "Escape" && setConfirming(false)}
        >
          <p className="text-red-200">
            Disconnect {account.name}?{" "}
            {isMeta
              ? "Its stored access token is deleted; its conversations stay in the inbox."
              : isX
                ? "Its stored X access is deleted and its conversations stay in the inbox."
                : isLinkedin
                  ? "Its stored session cookie is deleted (you stay signed in to LinkedIn in your browser); its conversations stay in the inbox."
                  : "It is logged out of WhatsApp and its conversations stay in the inbox."}
          </p>
          <div className="mt-2 flex gap-2">
            <button
              type="button"
              className="rounded-lg bg-red-500 px-3 py-1.5 font-medium text-white hover:bg-red-400 disabled:opacity-50"
              disabled={busy !== null}
              onClick={remove}
            >
              {busy === "remove" ? "Disconnecting…" : "Yes, disconnect"}
            </button>
            <button type="button" className={action} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-300">
          {error}
        </p>
      )}
      {isHost &&
        isPairing(account) &&
        (isAdmin ? (
          <PairingPanel account={account} />
        ) : (
          <p className="mt-3 text-sm text-ink-300">An owner or admin links the phone to finish connecting.</p>
        ))}
      {isAdmin && needsCookie(account) && <LinkedinCookieForm account={account} onDone={onChanged} />}
      {account.limits && <LimitsForm account={account} canEdit={isAdmin} onSaved={onChanged} />}
    </li>
  );
}
