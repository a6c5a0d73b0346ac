import { useState } from "react";
import { channelApi } from "./channel-api";
import { type CookieValue, cookieBody, LinkedinCookieFields, OWN_SESSION_STATEMENT } from "./linkedin-cookie-fields";
import type { ChannelAccount } from "./types";

/** "Connect LinkedIn": what it means first, then a name and the rep's session cookie (decision 020). */
export function ConnectLinkedin({ onCreated }: { onCreated: (a: ChannelAccount) => void }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [cookie, setCookie] = useState<CookieValue>({ liAt: "", jsessionId: "" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    const res = await channelApi<{ account: ChannelAccount }>("POST", "/linkedin", {
      name,
      cookie: cookieBody(cookie),
    });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    setError(null);
    setName("");
    setCookie({ liAt: "", jsessionId: "" });
    setOpen(false);
    onCreated(res.data.account);
  }

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
    <form
      onSubmit={submit}
      aria-label="Connect LinkedIn"
      className="w-full max-w-md rounded-2xl border border-ink-800 bg-ink-900 p-4 text-sm"
    >
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
      <LinkedinCookieFields idPrefix="li-new" value={cookie} onChange={setCookie} />
      <div className="mt-3 flex gap-2">
        <button
          type="submit"
          disabled={busy}
          className="rounded-lg bg-accent-500 px-4 py-2 font-medium text-white hover:bg-accent-400 disabled:opacity-50"
        >
          {busy ? "Connecting…" : "Connect with my session"}
        </button>
        <button
          type="button"
          onClick={() => setOpen(false)}
          className="rounded-lg border border-ink-700 px-3 py-2 hover:bg-ink-800"
        >
          Cancel
        </button>
      </div>
      {error && (
        <p role="alert" className="mt-2 text-red-300">
          {error}
        </p>
      )}
    </form>
  );
}
