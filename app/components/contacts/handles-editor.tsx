import { useState } from "react";
import { CHANNEL_LABELS, handleHref } from "./handle-links";

export interface Handle {
  channel: string;
  handle: string;
}

const PLACEHOLDER: Record<string, string> = {
  whatsapp: "+49 151 2345 6789",
  phone: "+1 202 555 0143",
  email: "name@company.com",
  linkedin: "https://www.linkedin.com/in/…",
  instagram: "@name or instagram.com/name",
  facebook: "facebook.com/name",
  x: "@name",
};

/**
 * The lead's contact handles, one row per channel: links while reading, inputs while editing. The server
 * checks and normalises them (E.164 phones, LinkedIn URL normal form); its field errors show on their row.
 */
export function HandlesEditor({ leadId, initial }: { leadId: string; initial: Handle[] }) {
  const [handles, setHandles] = useState(initial);
  const [draft, setDraft] = useState<Handle[] | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [status, setStatus] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    if (!draft) return;
    const rows = draft.filter((h) => h.handle.trim());
    setSaving(true);
    setErrors({});
    setStatus(null);
    const res = await fetch(`/api/leads/${leadId}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ contactChannels: rows }),
    }).catch(() => null);
    setSaving(false);
    if (!res) return setStatus("Could not reach the server. Try again.");
    const body = (await res.json().catch(() => ({}))) as {
      lead?: { contactChannels: Handle[] };
      error?: { message: string; details?: { fields?: Record<string, string[]> } };
    };
    if (!res.ok || !body.lead) {
      setDraft(rows);
      setErrors(body.error?.details?.fields ?? {});
      return setStatus(body.error?.message ?? "Could not save.");
    }
    setHandles(body.lead.contactChannels.map(({ channel, handle }) => ({ channel, handle })));
    setDraft(null);
    setStatus("Saved.");
  }

  if (!draft)
    return (
      <section aria-labelledby="handles-title" className="rounded-2xl border border-ink-800 p-4">
        <div className="flex items-center justify-between">
          <h2 id="handles-title" className="font-semibold">
            Contact handles
          </h2>
          <button
            type="button"
            onClick={() => {
              setDraft(handles.length ? handles : [{ channel: "whatsapp", handle: "" }]);
              setStatus(null);
            }}
            className="rounded-lg border border-ink-700 px-3 py-1 text-sm hover:bg-ink-800"
          >
            Edit handles
          </button>
        </div>
        {handles.length === 0 ? (
          <p className="mt-2 text-sm text-ink-400">No handles yet.</p>
        ) : (
          <ul className="mt-2 space-y-1 text-sm">
            {handles.map((h) => {
              const href = handleHref(h.channel, h.handle);
              return (
                <li key={`${h.channel}:${h.handle}`} className="flex gap-2">
                  <span className="w-20 shrink-0 text-ink-400">{CHANNEL_LABELS[h.channel] ?? h.channel}</span>
                  {href ? (
                    <a
                      href={href}
                      target="_blank"
                      rel="noreferrer"
                      className="break-all text-accent-400 hover:underline"
                    >
                      {h.handle}
                    </a>
                  ) : (
                    <span className="break-all">{h.handle}</span>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {status && (
          <p role="status" className="mt-2 text-sm text-ink-300">
            {status}
          </p>
        )}
      </section>
    );

  const set = (i: number, patch: Partial<Handle>) =>
    setDraft((cur) => cur!.map((h, j) => (i === j ? { ...h, ...patch } : h)));
  return (
    <form onSubmit={save} aria-labelledby="handles-title" className="rounded-2xl border border-ink-800 p-4" noValidate>
      <h2 id="handles-title" className="font-semibold">
        Contact handles
      </h2>
      <div className="mt-3 space-y-2">
        {draft.map((h, i) => {
          const error = errors[`contactChannels.${i}.handle`]?.[0];
          const id = `handle-${i}`;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional while editing (errors name the index)
            <div key={i} className="flex flex-wrap items-start gap-2">
              <label className="sr-only" htmlFor={`${id}-channel`}>
                Channel {i + 1}
              </label>
              <select
                id={`${id}-channel`}
                value={h.channel}
                onChange={(e) => set(i, { channel: e.target.value })}
                className="rounded-lg border border-ink-700 bg-ink-900 px-2 py-1.5 text-sm"
              >
                {Object.entries(CHANNEL_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
              <div className="min-w-0 flex-1">
                <label className="sr-only" htmlFor={id}>
                  {CHANNEL_LABELS[h.channel] ?? h.channel} handle
                </label>
                <input
                  id={id}
                  value={h.handle}
                  placeholder={PLACEHOLDER[h.channel]}
                  onChange={(e) => set(i, { handle: e.target.value })}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                  className="block w-full rounded-lg border border-ink-700 bg-ink-900 px-2 py-1.5 text-sm"
                />
                {error && (
                  <p id={`${id}-error`} className="mt-1 text-xs text-red-300">
                    {error}
                  </p>
                )}
              </div>
              <button
                type="button"
                aria-label={`Remove ${CHANNEL_LABELS[h.channel] ?? h.channel} handle`}
                onClick={() => setDraft((cur) => cur!.filter((_, j) => j !== i))}
                className="px-2 py-1.5 text-ink-400 hover:text-ink-100"
              >
                ×
              </button>
            </div>
          );
        })}
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        <button
          type="button"
          onClick={() => setDraft((cur) => [...cur!, { channel: "email", handle: "" }])}
          className="rounded-lg border border-ink-700 px-3 py-1 text-sm hover:bg-ink-800"
        >
          Add handle
        </button>
        <button type="submit" disabled={saving} className="rounded-lg bg-accent-500 px-3 py-1 text-sm text-white">
          {saving ? "Saving…" : "Save handles"}
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft(null);
            setErrors({});
            setStatus(null);
          }}
          className="px-2 py-1 text-sm text-ink-300 hover:text-ink-100"
        >
          Cancel
        </button>
      </div>
      {status && (
        <p role="alert" className="mt-2 text-sm text-red-300">
          {status}
        </p>
      )}
    </form>
  );
}
