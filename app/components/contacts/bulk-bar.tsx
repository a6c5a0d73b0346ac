import { useEffect, useRef, useState } from "react";
import { EXPORT_MAX, chunks, exportHref } from "./bulk-requests";
import type { ContactRow } from "./contact-types";

const UNDO_MS = 6000;
const button = "rounded-lg border border-ink-700 px-3 py-1.5 text-sm hover:bg-ink-800 disabled:opacity-60";

/** Sends one bulk call per 500 ids (the API's limit); true only if every chunk succeeded. */
async function bulk(
  path: "/api/leads/bulk" | "/api/leads/bulk-delete",
  body: { ids: string[]; action?: string; tag?: string },
  keepalive = false,
) {
  let ok = true;
  for (const ids of chunks(body.ids)) {
    const res = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...body, ids }),
      keepalive,
    }).catch(() => null);
    ok &&= res?.ok ?? false;
  }
  return ok;
}

/**
 * What can be done to the selected rows. Delete hides the rows at once and only asks the server after the
 * undo window (or when the page is left), so Undo needs no restore on the server.
 */
export function BulkBar({
  selected,
  query,
  pipelines,
  onClear,
  onHide,
  onChanged,
}: {
  selected: string[];
  query: string;
  pipelines: { id: string; name: string }[];
  onClear: () => void;
  onHide: (ids: string[], hide: boolean) => void;
  onChanged: (change: { ids: string[]; apply: (row: ContactRow) => ContactRow }) => void;
}) {
  const [pipelineId, setPipelineId] = useState(pipelines[0]?.id ?? "");
  const [tag, setTag] = useState("");
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [pending, setPending] = useState<string[] | null>(null);
  const pendingRef = useRef<{ ids: string[]; timer: ReturnType<typeof setTimeout> } | null>(null);

  // Leaving the page inside the undo window still deletes (keepalive outlives the page).
  useEffect(() => {
    const flush = () => {
      const p = pendingRef.current;
      if (!p) return;
      clearTimeout(p.timer);
      pendingRef.current = null;
      void bulk("/api/leads/bulk-delete", { ids: p.ids }, true);
    };
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, []);

  /** Asks the server to delete a batch whose undo window is over (or was cut short by a newer Delete). */
  async function send(ids: string[]) {
    if (!(await bulk("/api/leads/bulk-delete", { ids }))) {
      onHide(ids, false);
      setStatus("Could not delete those leads (only owners and admins can); they are back.");
    } else setStatus(`Deleted ${ids.length} ${ids.length === 1 ? "lead" : "leads"}.`);
  }

  function remove() {
    // A batch still in its undo window is sent now: one pending batch at a time, so Undo always means the last.
    const earlier = pendingRef.current;
    if (earlier) {
      clearTimeout(earlier.timer);
      pendingRef.current = null;
      void send(earlier.ids);
    }
    const ids = selected;
    onHide(ids, true);
    onClear();
    setPending(ids);
    setStatus(null);
    const mine = {
      ids,
      timer: setTimeout(() => {
        // Only this batch's own timer may clear the pending state.
        if (pendingRef.current !== mine) return;
        pendingRef.current = null;
        setPending(null);
        void send(ids);
      }, UNDO_MS),
    };
    pendingRef.current = mine;
  }

  function undo() {
    const p = pendingRef.current;
    if (!p) return;
    clearTimeout(p.timer);
    pendingRef.current = null;
    onHide(p.ids, false);
    setPending(null);
    setStatus("Nothing was deleted.");
  }

  async function addTag(e: React.FormEvent) {
    e.preventDefault();
    const value = tag.trim();
    if (!value) return;
    setBusy(true);
    const ids = selected;
    const ok = await bulk("/api/leads/bulk", { action: "tag", ids, tag: value });
    setBusy(false);
    if (!ok) return setStatus("Could not tag those leads.");
    const lower = value.toLowerCase();
    onChanged({
      ids,
      apply: (r) => (r.tags.some((t) => t.toLowerCase() === lower) ? r : { ...r, tags: [...r.tags, value] }),
    });
    setTag("");
    setStatus(`Tagged ${ids.length} with “${value}”.`);
  }

  async function addToPipeline() {
    const pipeline = pipelines.find((p) => p.id === pipelineId);
    if (!pipeline) return;
    setBusy(true);
    const ids = selected;
    let added = 0;
    let already = 0;
    for (const leadId of ids) {
      const res = await fetch(`/api/pipelines/${pipeline.id}/cards`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ leadId }),
      }).catch(() => null);
      if (res?.status === 201) {
        added++;
        const { card } = (await res.json()) as { card: { id: string; stage: string } };
        onChanged({
          ids: [leadId],
          apply: (r) => ({
            ...r,
            boards: [
              ...r.boards,
              { cardId: card.id, pipelineId: pipeline.id, pipelineName: pipeline.name, stage: card.stage },
            ],
          }),
        });
      } else if (res?.status === 409) already++;
    }
    setBusy(false);
    const failed = ids.length - added - already;
    setStatus(
      `Added ${added} to ${pipeline.name}${already ? `, ${already} already there` : ""}${failed ? `, ${failed} failed` : ""}.`,
    );
  }

  const exportLink = exportHref(selected, query);

  return (
    <div className="mt-4 flex flex-wrap items-center gap-2 text-sm">
      {selected.length > 0 ? (
        <>
          <span className="font-medium text-ink-100">{selected.length} selected</span>
          {pipelines.length > 0 && (
            <span className="flex items-center gap-1">
              <label className="sr-only" htmlFor="bulk-pipeline">
                Pipeline
              </label>
              <select
                id="bulk-pipeline"
                value={pipelineId}
                onChange={(e) => setPipelineId(e.target.value)}
                className="rounded-lg border border-ink-700 bg-ink-900 px-2 py-1.5"
              >
                {pipelines.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
              <button type="button" onClick={addToPipeline} disabled={busy} className={button}>
                Add to pipeline
              </button>
            </span>
          )}
          <form onSubmit={addTag} className="flex items-center gap-1">
            <label className="sr-only" htmlFor="bulk-tag">
              Tag for the selected leads
            </label>
            <input
              id="bulk-tag"
              value={tag}
              maxLength={60}
              onChange={(e) => setTag(e.target.value)}
              placeholder="Tag"
              className="w-28 rounded-lg border border-ink-700 bg-ink-900 px-2 py-1.5"
            />
            <button type="submit" disabled={busy || !tag.trim()} className={button}>
              Add tag
            </button>
          </form>
          {exportLink === null ? (
            <button
              type="button"
              className={button}
              onClick={() =>
                setStatus(
                  `Export takes at most ${EXPORT_MAX} selected leads; select fewer, or clear the selection to export every lead of this filter.`,
                )
              }
            >
              Export CSV
            </button>
          ) : (
            <a href={exportLink} download className={button}>
              Export CSV
            </a>
          )}
          <button
            type="button"
            onClick={remove}
            disabled={busy}
            className="rounded-lg border border-red-400/50 px-3 py-1.5 text-red-200 hover:bg-red-500/10"
          >
            Delete
          </button>
          <button type="button" onClick={onClear} className="px-2 py-1.5 text-ink-300 hover:text-ink-100">
            Clear selection
          </button>
        </>
      ) : (
        <a href={exportLink ?? undefined} download className={button}>
          Export {query ? "these" : "all"} leads (CSV)
        </a>
      )}
      <div role="status" className="flex items-center gap-2 text-ink-300">
        {pending ? (
          <>
            Deleted {pending.length} {pending.length === 1 ? "lead" : "leads"}.
            <button type="button" onClick={undo} className="font-medium text-accent-400 underline">
              Undo
            </button>
          </>
        ) : (
          status
        )}
      </div>
    </div>
  );
}
