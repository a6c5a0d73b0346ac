import { useState } from "react";
import { channelApi } from "./channel-api";
import type { ChannelAccount, Limits } from "./types";

type NumberKey = Exclude<keyof Limits, "timeZone">;

/** The limits a rep sees, in their words; gaps are shown and edited in seconds. */
const FIELDS: { key: NumberKey; label: string; unit?: "s" }[] = [
  { key: "perMinute", label: "Messages per minute" },
  { key: "dailyCap", label: "Messages per day" },
  { key: "newContactsPerDay", label: "New contacts per day" },
  { key: "gapMinMs", label: "Shortest gap", unit: "s" },
  { key: "gapMaxMs", label: "Longest gap", unit: "s" },
  { key: "warmupFirstDayCap", label: "First-day cap (new account)" },
  { key: "warmupDays", label: "Warm-up days" },
  { key: "quietStartHour", label: "Quiet from (recipient's hour)" },
  { key: "quietEndHour", label: "Quiet until (recipient's hour)" },
];

const shown = (limits: Limits, f: (typeof FIELDS)[number]) => (f.unit === "s" ? limits[f.key] / 1000 : limits[f.key]);

/**
 * The number's pacing limits: read-only for members, a small form for owners and admins. Only changed values are
 * sent; the host keeps the rest.
 */
export function LimitsForm({
  account,
  canEdit,
  onSaved,
}: {
  account: ChannelAccount;
  canEdit: boolean;
  onSaved: (a: ChannelAccount) => void;
}) {
  const limits = account.limits!;
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const patch: Record<string, number> = {};
    for (const f of FIELDS) {
      const raw = draft[f.key];
      if (raw === undefined || raw === "") continue;
      const value = Number(raw);
      if (!Number.isFinite(value)) return setError(`${f.label}: enter a number.`);
      patch[f.key] = Math.round(f.unit === "s" ? value * 1000 : value);
    }
    if (Object.keys(patch).length === 0) return setError("Change a value first.");
    setSaving(true);
    const res = await channelApi<{ account: ChannelAccount }>("PATCH", `/${account.id}/limits`, patch);
    setSaving(false);
    if (!res.ok) return setError(res.error);
    setError(null);
    setDraft({});
    onSaved(res.data.account);
  }

  return (
    <form onSubmit={save} className="mt-4" aria-label={`Sending limits of ${account.name}`}>
      <h3 className="text-sm font-medium text-ink-100">Sending limits</h3>
      <p className="mt-0.5 text-xs text-ink-300">
        The host spaces messages out per {account.channel === "linkedin" ? "LinkedIn account" : "number"} to keep it
        safe. Day starts in {limits.timeZone}.
      </p>
      <dl className="mt-2 grid grid-cols-1 gap-2 text-sm sm:grid-cols-2 lg:grid-cols-3">
        {FIELDS.map((f) => {
          const id = `${account.id}-${f.key}`;
          return (
            <div key={f.key} className="flex items-center justify-between gap-2 rounded-lg bg-ink-900 px-3 py-1.5">
              <dt>
                <label htmlFor={canEdit ? id : undefined} className="text-ink-300">
                  {f.label}
                  {f.unit ? " (s)" : ""}
                </label>
              </dt>
              <dd>
                {canEdit ? (
                  <input
                    id={id}
                    type="number"
                    inputMode="numeric"
                    min={0}
                    step={f.unit === "s" ? 0.5 : 1}
                    value={draft[f.key] ?? String(shown(limits, f))}
                    onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })}
                    className="w-20 rounded-md border border-ink-700 bg-ink-950 px-2 py-1 text-right text-ink-100"
                  />
                ) : (
                  <span className="tabular-nums text-ink-100">{shown(limits, f)}</span>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
      {canEdit && (
        <div className="mt-2 flex items-center gap-3">
          <button
            type="submit"
            disabled={saving || Object.keys(draft).length === 0}
            className="rounded-lg border border-ink-700 px-3 py-1.5 text-sm hover:bg-ink-800 disabled:opacity-50"
          >
            {saving ? "Saving…" : "Save limits"}
          </button>
          {error && (
            <p role="alert" className="text-sm text-red-300">
              {error}
            </p>
          )}
        </div>
      )}
    </form>
  );
}
