import { useState } from "react";
import { channelApi } from "./channel-api";
import { type CookieValue, cookieBody, LinkedinCookieFields } from "./linkedin-cookie-fields";
import type { ChannelAccount } from "./types";

/** After LinkedIn's security checkpoint or a log-out: the rep's fresh cookie, and the session starts again. */
export function RenewLinkedinCookie({
  account,
  onChanged,
}: {
  account: ChannelAccount;
  onChanged: (a: ChannelAccount) => void;
}) {
  const [cookie, setCookie] = useState<CookieValue>({ liAt: "", jsessionId: "" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    const res = await channelApi<{ account: ChannelAccount }>("POST", `/${account.id}/linkedin-cookie`, {
      cookie: cookieBody(cookie),
    });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    setError(null);
    setCookie({ liAt: "", jsessionId: "" });
    onChanged(res.data.account);
  }

  return (
    <form onSubmit={submit} aria-label="Paste a fresh LinkedIn cookie" className="mt-3 max-w-md text-sm">
      <LinkedinCookieFields idPrefix={`li-${account.id}`} value={cookie} onChange={setCookie} />
      <button
        type="submit"
        disabled={busy}
        className="mt-3 rounded-lg bg-accent-500 px-4 py-2 font-medium text-white hover:bg-accent-400 disabled:opacity-50"
      >
        {busy ? "Connecting…" : "Connect with the fresh cookie"}
      </button>
      {error && (
        <p role="alert" className="mt-2 text-red-300">
          {error}
        </p>
      )}
    </form>
  );
}
