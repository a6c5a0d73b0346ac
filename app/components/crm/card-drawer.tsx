import { AnimatePresence, m } from "framer-motion";
import { useEffect, useRef, useState } from "react";
import type { BoardCard } from "./board-state";
import { MotionProvider } from "../motion";

interface Note {
  id: string;
  body: string;
  author: { email: string | null };
  createdAt: string;
}
interface HistoryEvent {
  id: string;
  type: string;
  fromStage: string | null;
  toStage: string | null;
  toStatus: string | null;
  actor: { email: string | null };
  createdAt: string;
}
interface Lead {
  email: string | null;
  phone: string | null;
  linkedinUrl: string | null;
  location: { city: string | null; country: string | null };
  timezone: string | null;
  industry: string | null;
}

const get = <T,>(path: string) =>
  fetch(path).then((r) => (r.ok ? (r.json() as Promise<T>) : Promise.reject(new Error(String(r.status)))));
const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

function describe(e: HistoryEvent): string {
  if (e.type === "created") return `Added to ${e.toStage}`;
  if (e.type === "moved") return `Moved ${e.fromStage} → ${e.toStage}`;
  if (e.type === "reordered") return `Reordered in ${e.toStage}`;
  return `Marked ${e.toStatus}`;
}

/** The full lead, notes and stage history of a card; closing it returns focus to the board. */
export function CardDrawer({
  card,
  onClose,
  onStatus,
}: {
  card: BoardCard | null;
  onClose: () => void;
  onStatus: (status: "open" | "won" | "lost") => void;
}) {
  const [lead, setLead] = useState<Lead | null>(null);
  const [notes, setNotes] = useState<Note[] | null>(null);
  const [history, setHistory] = useState<HistoryEvent[] | null>(null);
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  // Only the newest load may set the notes: an answer still in flight from opening the drawer must not
  // overwrite the list after a note was just added.
  const notesLoad = useRef(0);

  function loadNotes(cardId: string) {
    const seq = ++notesLoad.current;
    return get<{ notes: Note[] }>(`/api/pipeline-cards/${cardId}/notes`).then((n) => {
      if (seq === notesLoad.current) setNotes(n.notes);
    });
  }

  // Reload only when another card opens or this one changes on the server, not on every render of the parent.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the card's identity and version on purpose
  useEffect(() => {
    if (!card) return;
    setLead(null);
    setNotes(null);
    setHistory(null);
    setError(null);
    closeRef.current?.focus();
    Promise.all([
      get<{ lead: Lead }>(`/api/leads/${card.leadId}`).then((l) => setLead(l.lead)),
      loadNotes(card.id),
      get<{ events: HistoryEvent[] }>(`/api/pipeline-cards/${card.id}/events`).then((h) => setHistory(h.events)),
    ]).catch(() => setError("Could not load this card. Try again."));
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [card?.id, card?.updatedAt]);

  async function addNote(e: React.FormEvent) {
    e.preventDefault();
    if (!card || !draft.trim()) return;
    const res = await fetch(`/api/pipeline-cards/${card.id}/notes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ body: draft }),
    });
    if (!res.ok) return setError("The note was not saved. Try again.");
    setDraft("");
    await loadNotes(card.id).catch(() => setError("The note was saved but the list could not be refreshed."));
  }

  return (
    <MotionProvider>
      <AnimatePresence>
        {card && (
          <m.div
            className="fixed inset-0 z-20 flex justify-end bg-black/50"
            initial={{ opacity: 0 }}
            animate={{ opacity: 1 }}
            exit={{ opacity: 0 }}
            onClick={onClose}
          >
            <m.aside
              role="dialog"
              aria-modal="true"
              aria-label={`${card.lead.fullName} details`}
              className="flex h-full w-full max-w-md flex-col gap-5 overflow-y-auto border-l border-ink-800 bg-ink-900 p-6"
              initial={{ x: 40 }}
              animate={{ x: 0 }}
              exit={{ x: 40 }}
              onClick={(e) => e.stopPropagation()}
            >
              <div className="flex items-start justify-between gap-3">
                <div>
                  <h2 className="text-xl font-semibold">{card.lead.fullName}</h2>
                  <p className="text-sm text-ink-300">
                    {[card.lead.jobTitle, card.lead.companyName].filter(Boolean).join(" · ")}
                  </p>
                </div>
                <a
                  href={`/dashboard/inbox?lead=${card.leadId}`}
                  className="ml-auto rounded-md border border-ink-700 px-2 py-1 text-sm text-ink-100 hover:bg-ink-800"
                >
                  Message
                </a>
                <button
                  ref={closeRef}
                  type="button"
                  onClick={onClose}
                  className="rounded-md px-2 py-1 text-ink-300 hover:bg-ink-800"
                >
                  Close
                </button>
              </div>
              {error && (
                <p role="alert" className="text-sm text-red-300">
                  {error}
                </p>
              )}
              <dl className="grid grid-cols-3 gap-x-3 gap-y-1 text-sm">
                {[
                  ["Stage", card.stage],
                  ["Email", lead?.email],
                  ["Phone", lead?.phone],
                  ["LinkedIn", lead?.linkedinUrl],
                  ["Location", [lead?.location.city, lead?.location.country].filter(Boolean).join(", ")],
                  ["Time zone", lead?.timezone],
                ].map(([k, v]) => (
                  <div key={k} className="contents">
                    <dt className="text-ink-500">{k}</dt>
                    <dd className="col-span-2 truncate text-ink-100">{v || "—"}</dd>
                  </div>
                ))}
              </dl>
              {card.stage === "Closed" && (
                // biome-ignore lint/a11y/useSemanticElements: a row of toggle buttons, not form fields
                <div role="group" aria-label="Outcome" className="flex gap-2">
                  {(["won", "lost", "open"] as const).map((s) => (
                    <button
                      key={s}
                      type="button"
                      aria-pressed={card.status === s}
                      onClick={() => onStatus(s)}
                      className={`rounded-lg border px-3 py-1.5 text-sm capitalize ${card.status === s ? "border-accent-400 bg-accent-500/20" : "border-ink-700 hover:bg-ink-800"}`}
                    >
                      {s}
                    </button>
                  ))}
                </div>
              )}
              <section aria-label="Notes">
                <h3 className="mb-2 font-medium">Notes</h3>
                {notes === null ? (
                  <p className="text-sm text-ink-500">Loading…</p>
                ) : notes.length === 0 ? (
                  <p className="text-sm text-ink-500">No notes yet.</p>
                ) : (
                  <ol className="flex flex-col gap-2">
                    {notes.map((n) => (
                      <li key={n.id} className="rounded-lg bg-ink-800 p-3 text-sm">
                        <p className="whitespace-pre-wrap">{n.body}</p>
                        <p className="mt-1 text-xs text-ink-500">
                          {n.author.email ?? "Former member"} · {when(n.createdAt)}
                        </p>
                      </li>
                    ))}
                  </ol>
                )}
                <form onSubmit={addNote} className="mt-3 flex flex-col gap-2">
                  <label className="text-sm text-ink-300">
                    Add a note
                    <textarea
                      value={draft}
                      onChange={(e) => setDraft(e.target.value)}
                      rows={3}
                      maxLength={10000}
                      className="mt-1 w-full rounded-lg border border-ink-700 bg-ink-950 px-3 py-2 text-ink-100"
                    />
                  </label>
                  <button
                    type="submit"
                    disabled={!draft.trim()}
                    className="self-start rounded-lg bg-accent-500 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
                  >
                    Save note
                  </button>
                </form>
              </section>
              <section aria-label="History">
                <h3 className="mb-2 font-medium">History</h3>
                <ol className="flex flex-col gap-1 text-sm">
                  {(history ?? []).map((e) => (
                    <li key={e.id}>
                      <span className="text-ink-100">{describe(e)}</span>{" "}
                      <span className="text-ink-500">
                        by {e.actor.email ?? "a former member"} · {when(e.createdAt)}
                      </span>
                    </li>
                  ))}
                </ol>
              </section>
            </m.aside>
          </m.div>
        )}
      </AnimatePresence>
    </MotionProvider>
  );
}
