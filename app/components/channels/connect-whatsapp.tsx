import { useState } from "react";
import { channelApi } from "./channel-api";
import type { ChannelAccount } from "./types";

/** "Connect WhatsApp": a name for the number, then the new account appears with its pairing panel. */
export function ConnectWhatsapp({ onCreated }: { onCreated: (a: ChannelAccount) => void }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    const res = await channelApi<{ account: ChannelAccount }>("POST", "/whatsapp", { name });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    setError(null);
    setName("");
    setOpen(false);
    onCreated(res.data.account);
  }

  if (!open)
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="rounded-lg bg-accent-500 px-4 py-2 text-sm font-medium text-white hover:bg-accent-400"
      >
        Connect WhatsApp
      </button>
    );
  return (
    <form onSubmit={submit} className="w-full max-w-md rounded-2xl border border-ink-800 bg-ink-900 p-4 text-sm">
      <label htmlFor="wa-name" className="text-ink-100">
        A name for this number (your team sees it)
      </label>
      <input
        id="wa-name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={100}
        placeholder="Sales phone"
        required
        className="mt-1 block w-full rounded-lg border border-ink-700 bg-ink-950 px-3 py-2 text-ink-100"
      />
      <div className="mt-3 flex gap-2">
        <button
          type="submit"
          disabled={busy}
          className="rounded-lg bg-accent-500 px-4 py-2 font-medium text-white hover:bg-accent-400 disabled:opacity-50"
        >
          {busy ? "Starting…" : "Continue"}
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
