import { memo, useState } from "react";
import { ChannelIcon } from "./lead-form";
import { channelLabel } from "./lead-stream";
import type { StreamLead } from "./lead-stream";

export interface PipelineOption {
  id: string;
  name: string;
}

// Building an Intl formatter costs far more than formatting with one; a result page shows 20–30 cards
// across a handful of zones, so one formatter per zone is kept.
const zoneFormatters = new Map<string, Intl.DateTimeFormat | null>();
function localTime(timezone: string) {
  if (!zoneFormatters.has(timezone)) {
    try {
      zoneFormatters.set(
        timezone,
        new Intl.DateTimeFormat("en-GB", { timeZone: timezone, hour: "2-digit", minute: "2-digit", weekday: "short" }),
      );
    } catch {
      zoneFormatters.set(timezone, null);
    }
  }
  return zoneFormatters.get(timezone)?.format(new Date()) ?? "";
}

let slotFormatter: Intl.DateTimeFormat | undefined;
function nextSlot(iso: string) {
  slotFormatter ??= new Intl.DateTimeFormat(undefined, { weekday: "short", hour: "2-digit", minute: "2-digit" });
  return slotFormatter.format(new Date(iso));
}

/** Memoised: while results stream in, only new or re-ranked cards render again. */
export const LeadCard = memo(function LeadCard(props: {
  lead: StreamLead;
  pipelines: PipelineOption[];
  saved?: { pipelineId: string; name: string };
  /** Set while a re-rank animates, so the browser can match this card's old and new place. */
  glide: boolean;
  onSave(leadId: string, pipelineId: string | null, newName?: string): Promise<string | null>;
}) {
  const { lead, pipelines, saved } = props;
  // Until the rep picks, the picker follows the first pipeline, so one created meanwhile (by another card or
  // "Save all") is used instead of making a second "Outbound".
  const [chosen, setChosen] = useState<string | null>(null);
  const target =
    chosen && (chosen === "new" || pipelines.some((p) => p.id === chosen)) ? chosen : (pipelines[0]?.id ?? "new");
  const [newName, setNewName] = useState("Outbound");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const place = [lead.location.city, lead.location.country].filter(Boolean).join(", ");
  const sample = lead.sources.includes("sample");
  const save = async () => {
    setBusy(true);
    setError(await props.onSave(lead.id, target === "new" ? null : target, newName));
    setBusy(false);
  };
  return (
    <article
      aria-label={lead.fullName}
      style={props.glide ? { viewTransitionName: `lead-${lead.id}` } : undefined}
      className="flex min-h-64 min-w-0 flex-col rounded-2xl border border-ink-800 bg-ink-900 p-4 motion-safe:animate-fade-up"
    >
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 className="truncate font-semibold">{lead.fullName}</h3>
          <p className="truncate text-sm text-ink-300">
            {lead.jobTitle ?? "—"} · {lead.companyName ?? "—"}
          </p>
        </div>
        {/* A native popover: Escape and a click elsewhere close it, it sits in the top layer above other cards,
            and the button reports expanded/collapsed by itself. */}
        <button
          type="button"
          popoverTarget={`why-${lead.id}`}
          className="shrink-0 rounded-lg bg-accent-500/20 px-2.5 py-1 text-sm font-semibold text-ink-100 hover:bg-accent-500/30"
        >
          <span className="sr-only">Score </span>
          {lead.score ?? 0} <span className="text-xs font-normal text-ink-300">why?</span>
        </button>
        <div
          id={`why-${lead.id}`}
          popover="auto"
          role="dialog"
          aria-label="Why this score"
          className="anchored-popover w-72 rounded-xl border border-ink-700 bg-ink-950 p-3 text-left text-xs text-ink-100 shadow-xl"
        >
          <ul className="space-y-1">
            {Object.entries(lead.scoreBreakdown).map(([k, v]) => (
              <li key={k} className="flex justify-between">
                <span className="capitalize">{k.replace(/([A-Z])/g, " $1").toLowerCase()}</span>
                <span>{v}</span>
              </li>
            ))}
          </ul>
          <ul className="mt-2 list-disc space-y-1 pl-4 text-ink-300">
            {lead.scoreReasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      </div>
      <p className="mt-2 text-sm text-ink-300">
        {place} · {lead.timezone.replace(/_/g, " ")} ·{" "}
        <span title="Their local time now">{localTime(lead.timezone)}</span>
      </p>
      <p className="mt-2 flex items-center gap-2 text-sm">
        <ChannelIcon channel={lead.mainChannel} /> {channelLabel(lead.mainChannel)}
      </p>
      {lead.bestContactTime && (
        <p className="mt-1 text-sm text-ink-300">
          Best: {lead.bestContactTime.localDays.join("/")} {lead.bestContactTime.localWindow} local · next{" "}
          {nextSlot(lead.bestContactTime.nextSlotUtc)} your time
        </p>
      )}
      <ul className="mt-3 flex flex-wrap gap-1.5" aria-label="Tags">
        {lead.tags.map((t) => (
          <li key={t} className="rounded-full bg-ink-800 px-2 py-0.5 text-xs">
            {t}
          </li>
        ))}
      </ul>
      <ul className="mt-2 flex flex-wrap gap-1.5" aria-label="Sources">
        {lead.sources.map((s) => (
          <li
            key={s}
            className={`rounded px-1.5 py-0.5 text-[11px] uppercase tracking-wide ${s === "sample" ? "bg-amber-500/20 text-amber-200" : "bg-ink-800 text-ink-300"}`}
          >
            {s === "sample" ? "Sample data" : s}
          </li>
        ))}
      </ul>
      <div className="mt-auto pt-4">
        {saved ? (
          <div className="flex flex-wrap items-center gap-3">
            <a href={`/dashboard/crm?pipeline=${saved.pipelineId}`} className="text-sm text-emerald-300 underline">
              Saved to {saved.name} →
            </a>
            <a
              href={`/dashboard/inbox?lead=${lead.id}`}
              aria-label={`Message ${lead.fullName}`}
              className="rounded-lg border border-ink-700 px-3 py-1 text-sm text-ink-100 hover:bg-ink-800"
            >
              Message
            </a>
          </div>
        ) : (
          <div className="flex flex-wrap items-end gap-2">
            <label className="text-xs text-ink-300">
              Pipeline
              <select
                value={target}
                onChange={(e) => setChosen(e.target.value)}
                className="mt-1 block rounded-lg border border-ink-700 bg-ink-950 px-2 py-1.5 text-sm text-ink-100"
              >
                {pipelines.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
                <option value="new">New pipeline…</option>
              </select>
            </label>
            {target === "new" && (
              <label className="text-xs text-ink-300">
                Name
                <input
                  value={newName}
                  onChange={(e) => setNewName(e.target.value)}
                  maxLength={120}
                  className="mt-1 block w-28 rounded-lg border border-ink-700 bg-ink-950 px-2 py-1.5 text-sm text-ink-100"
                />
              </label>
            )}
            <button
              type="button"
              onClick={save}
              disabled={busy}
              className="rounded-lg bg-accent-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-500 disabled:opacity-60"
            >
              Save to Pipeline
            </button>
          </div>
        )}
        {sample && !saved && <p className="sr-only">This lead comes from the sample dataset.</p>}
        {error && (
          <p role="alert" className="mt-2 text-xs text-red-300">
            {error}
          </p>
        )}
      </div>
    </article>
  );
});
