import { useState } from "react";
import { channelApi } from "./channel-api";
import { LinkedinCookieFields, OWN_SESSION_STATEMENT } from "./linkedin-cookie-fields";
import type { ChannelAccount } from "./types";

const primary = "rounded-lg bg-accent-500 px-4 py-2 font-medium text-white hover:bg-accent-400 disabled:opacity-50";

/**
 * The rep's LinkedIn session cookie, sent to connect a new account (with a name) or, for `account`, to give it a
 * fresh cookie after LinkedIn's checkpoint or a log-out (decision 020).
 */
export function LinkedinCookieForm({
  account,
  onDone,
  onCancel,
}: {
  account?: ChannelAccount;
  onDone: (a: ChannelAccount) => void;
  onCancel?: () => void;
}) {
  const [name, setName] = useState("");
  const [cookie, setCookie] = useState({ liAt: "", jsessionId: "" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    const body = {
      cookie: {
        liAt: cookie.liAt.trim(),
        ...(cookie.jsessionId.trim() ? { jsessionId: cookie.jsessionId.trim() } : {}),
      },
    };
    const res = account
      ? await channelApi<{ account: ChannelAccount }>("POST", `/${account.id}/linkedin-cookie`, body)
      : await channelApi<{ account: ChannelAccount }>("POST", "/linkedin", { name, ...body });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    setError(null);
    setName("");
    setCookie({ liAt: "", jsessionId: "" });
    onDone(res.data.account);
  }

  return (
    <form
      onSubmit={submit}
      aria-label={account ? "Paste a fresh LinkedIn cookie" : "Connect LinkedIn"}
      className={
        account ? "mt-3 max-w-md text-sm" : "w-full max-w-md rounded-2xl border border-ink-800 bg-ink-900 p-4 text-sm"
      }
    >
      {!account && (
        <>
          <p className="rounded-lg border border-sky-500/30 bg-sky-500/10 p-3 text-sky-100">{OWN_SESSION_STATEMENT}</p>
          <label htmlFor="li-name" className="mt-3 block text-ink-100">
            A name for this account (your team sees it)
          </label>
          <input
            id="li-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={100}
            placeholder="Ana's LinkedIn"
            required
            className="mt-1 block w-full rounded-lg border border-ink-700 bg-ink-950 px-3 py-2 text-ink-100"
          />
        </>
      )}
      <LinkedinCookieFields idPrefix={account ? `li-${account.id}` : "li-new"} value={cookie} onChange={setCookie} />
      <div className="mt-3 flex gap-2">
        <button type="submit" disabled={busy} className={primary}>
          {busy ? "Connecting…" : account ? "Connect with the fresh cookie" : "Connect with my session"}
        </button>
        {onCancel && (
          <button
            type="button"
            onClick={onCancel}
            className="rounded-lg border border-ink-700 px-3 py-2 hover:bg-ink-800"
          >
            Cancel
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="mt-2 text-red-300">
          {error}
        </p>
      )}
    </form>
  );
}

/** "Connect LinkedIn": what it means first, then a name and the rep's session cookie. */
export function ConnectLinkedin({ onCreated }: { onCreated: (a: ChannelAccount) => void }) {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="rounded-lg border border-ink-700 px-4 py-2 text-sm font-medium hover:bg-ink-800"
      >
        Connect LinkedIn
      </button>
    );
  return (
    <LinkedinCookieForm
      onCancel={() => setOpen(false)}
      onDone={(a) => {
        setOpen(false);
        onCreated(a);
      }}
    />
  );
}
