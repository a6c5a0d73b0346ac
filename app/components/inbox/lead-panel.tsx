import { useState } from "react";
import { dateTime } from "./format";
import { inboxAction } from "./inbox-api";
import type { LeadPanel as Lead } from "./types";

const STAGES = ["To Contact", "Contacted", "In Conversation", "Closed"] as const;

/** Who the lead is and where they stand: stage (movable), score, tags, best time to contact. */
export function LeadPanel({ lead }: { lead: Lead }) {
  const [cards, setCards] = useState(lead.cards);
  const [error, setError] = useState<string | null>(null);
  const best = lead.bestContactTime;

  async function move(cardId: string, stage: (typeof STAGES)[number]) {
    setError(null);
    const before = cards;
    setCards((cur) => cur.map((c) => (c.id === cardId ? { ...c, stage } : c)));
    const res = await inboxAction<{ card: { id: string; stage: string } }>({ intent: "stage", cardId, stage });
    if (!res.ok) {
      setCards(before);
      setError(res.error);
    }
  }

  return (
    <aside aria-label="Lead details" className="flex flex-col gap-4 p-4 text-sm">
      <div>
        <h2 className="text-base font-semibold text-ink-100">{lead.fullName}</h2>
        <p className="text-ink-300">{[lead.jobTitle, lead.companyName].filter(Boolean).join(" · ") || "—"}</p>
        {lead.sample && (
          <p className="mt-1 inline-block rounded bg-amber-500/20 px-1.5 py-0.5 text-xs text-amber-200">
            Sample data: Sandbox only
          </p>
        )}
      </div>
      <dl className="grid grid-cols-3 gap-x-2 gap-y-1">
        <dt className="text-ink-400">Score</dt>
        <dd className="col-span-2 text-ink-100">{lead.score ?? "—"}</dd>
        <dt className="text-ink-400">Best time</dt>
        <dd className="col-span-2 text-ink-100">
          {best ? `${dateTime(best.nextSlotUtc)}${best.localWindow ? ` (${best.localWindow} local)` : ""}` : "—"}
        </dd>
        <dt className="text-ink-400">Time zone</dt>
        <dd className="col-span-2 text-ink-100">{lead.timezone ?? "—"}</dd>
      </dl>
      {lead.tags.length > 0 && (
        <ul aria-label="Tags" className="flex flex-wrap gap-1.5">
          {lead.tags.map((t) => (
            <li key={t} className="rounded-full bg-ink-800 px-2 py-0.5 text-xs text-ink-300">
              {t}
            </li>
          ))}
        </ul>
      )}
      <section aria-label="Pipeline stage">
        <h3 className="mb-1 font-medium text-ink-100">Stage</h3>
        {cards.length === 0 ? (
          <p className="text-ink-400">Not in a pipeline.</p>
        ) : (
          cards.map((card) => (
            <label key={card.id} className="mb-2 block text-ink-300">
              {card.pipelineName}
              <select
                value={card.stage}
                onChange={(e) => move(card.id, e.target.value as (typeof STAGES)[number])}
                className="mt-1 block w-full rounded-lg border border-ink-700 bg-ink-900 px-2 py-1.5 text-ink-100"
              >
                {STAGES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
          ))
        )}
        {error && (
          <p role="alert" className="text-red-300">
            {error}
          </p>
        )}
      </section>
    </aside>
  );
}
