import { useRef, useState } from "react";
import { updateWithViewTransition } from "../../lib/view-transition";
import type { StreamLead } from "./lead-stream";

interface Results {
  leads: Record<string, StreamLead>;
  /** The final order from `done`; while streaming, cards follow each lead's latest rank. */
  order: string[] | null;
}

const EMPTY: Results = { leads: {}, order: null };

export const rankedOf = (r: Results): StreamLead[] =>
  r.order
    ? r.order.map((id) => r.leads[id]).filter((l): l is StreamLead => !!l)
    : Object.values(r.leads).sort((a, b) => a.rank - b.rank);

/** True when a card already on screen would move or disappear — only then is the change animated. */
export function reorders(before: StreamLead[], after: StreamLead[]): boolean {
  if (before.length === 0 || after.length === 0) return false;
  const kept = new Set(after.map((l) => l.id));
  const shown = new Set(before.map((l) => l.id));
  const was = before.map((l) => l.id).filter((id) => kept.has(id));
  const now = after.map((l) => l.id).filter((id) => shown.has(id));
  return was.length < before.length || was.some((id, i) => now[i] !== id);
}

/** Streamed results: leads arrive in batches, re-ranks and the final order glide via view transitions. */
export function useLeadResults() {
  const [results, setResults] = useState<Results>(EMPTY);
  const current = useRef<Results>(EMPTY);
  const transitions = useRef(0);
  const [gliding, setGliding] = useState(false);

  const commit = (next: Results) => {
    const animate = reorders(rankedOf(current.current), rankedOf(next));
    current.current = next;
    if (!animate) return setResults(next);
    updateWithViewTransition(
      () => setResults(next),
      (on) => setGliding((transitions.current += on ? 1 : -1) > 0),
    );
  };

  return {
    ranked: rankedOf(results),
    gliding,
    reset: () => commit(EMPTY),
    add: (batch: StreamLead[]) =>
      commit({ leads: { ...current.current.leads, ...Object.fromEntries(batch.map((l) => [l.id, l])) }, order: null }),
    finish: (ids: string[]) => commit({ ...current.current, order: ids }),
    show: (found: StreamLead[]) =>
      commit({ leads: Object.fromEntries(found.map((l) => [l.id, l])), order: found.map((l) => l.id) }),
  };
}
