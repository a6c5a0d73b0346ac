import { useEffect, useState } from "react";
import { channelApi } from "./channel-api";
import { QrCode } from "./qr-code";
import type { ChannelAccount } from "./types";

const POLL_MS = 2000;
const input = "mt-1 block w-full rounded-lg border border-ink-700 bg-ink-950 px-3 py-2 text-ink-100";

/**
 * Pairing a WhatsApp number: the QR, fetched every 2 s while the session waits for a scan (WhatsApp rotates it),
 * or a pairing code for the number typed in. The account's live update (connected) ends it.
 */
export function PairingPanel({ account }: { account: ChannelAccount }) {
  const [mode, setMode] = useState<"qr" | "code">("qr");
  return (
    <div className="mt-4 rounded-xl border border-ink-800 bg-ink-950 p-4">
      {mode === "qr" ? <QrPairing account={account} /> : <CodePairing account={account} />}
      <button
        type="button"
        onClick={() => setMode(mode === "qr" ? "code" : "qr")}
        className="mt-3 rounded-lg px-2 py-1 text-sm text-accent-400 underline-offset-2 hover:underline"
      >
        {mode === "qr" ? "Use a pairing code instead" : "Scan a QR code instead"}
      </button>
    </div>
  );
}

function QrPairing({ account }: { account: ChannelAccount }) {
  const [qr, setQr] = useState<string | null>(null);
  const [note, setNote] = useState("Starting WhatsApp…");
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const res = await channelApi<{ qr: string | null; at: string | null }>("GET", `/${account.id}/qr`);
      if (stopped) return;
      if (res.ok) {
        setQr(res.data.qr);
        setError(null);
        if (!res.data.qr) setNote("Getting a QR code from WhatsApp…");
      } else if (res.status === 409) {
        setQr(null);
        setError(null);
        setNote("Getting a QR code from WhatsApp…");
      } else setError(res.error);
      timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [account.id]);
  return (
    <div className="flex flex-col items-start gap-3 sm:flex-row sm:items-center">
      {qr ? (
        <QrCode value={qr} label={`QR code to link ${account.name} in WhatsApp`} />
      ) : (
        <div className="flex h-60 w-60 max-w-full items-center justify-center rounded-xl border border-dashed border-ink-700 p-4 text-center text-sm text-ink-300">
          <span aria-live="polite">{note}</span>
        </div>
      )}
      <div className="text-sm text-ink-300">
        <ol className="list-decimal space-y-1 pl-5">
          <li>Open WhatsApp on the phone with this number.</li>
          <li>Settings → Linked devices → Link a device.</li>
          <li>Point the phone at this code. It changes every few seconds; this page keeps it current.</li>
        </ol>
        {error && (
          <p role="alert" className="mt-2 text-red-300">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}

function CodePairing({ account }: { account: ChannelAccount }) {
  const [phone, setPhone] = useState("");
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    const res = await channelApi<{ code: string }>("POST", `/${account.id}/pairing-code`, { phone });
    setBusy(false);
    if (res.ok) {
      setCode(res.data.code);
      setError(null);
    } else setError(res.error);
  }
  const id = `pair-phone-${account.id}`;
  return (
    <form onSubmit={submit} className="max-w-sm text-sm">
      <label htmlFor={id} className="text-ink-100">
        The number you are linking, with country code
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          placeholder="+49 151 2345678"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          className={input}
          required
        />
        <button
          type="submit"
          disabled={busy}
          className="mt-1 shrink-0 rounded-lg bg-accent-500 px-4 py-2 font-medium text-white hover:bg-accent-400 disabled:opacity-50"
        >
          {busy ? "Asking…" : "Get code"}
        </button>
      </div>
      {code && (
        <p className="mt-3 text-ink-100">
          In WhatsApp: Linked devices → Link a device → Link with phone number instead, then enter{" "}
          <strong className="font-mono text-lg tracking-widest text-ink-100" aria-live="polite">
            {code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code}
          </strong>
        </p>
      )}
      {error && (
        <p role="alert" className="mt-2 text-red-300">
          {error}
        </p>
      )}
    </form>
  );
}
