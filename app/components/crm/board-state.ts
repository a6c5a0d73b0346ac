// The board in the browser: columns of cards ordered by rank. Pure functions, so optimistic moves,
// live events from other members, and rollbacks all go through the same few steps.
export const STAGES = ["To Contact", "Contacted", "In Conversation", "Closed"] as const;
export type Stage = (typeof STAGES)[number];

export interface BoardCard {
  id: string;
  pipelineId: string;
  leadId: string;
  stage: Stage;
  position: number;
  rank: string;
  status: "open" | "won" | "lost";
  notes: string | null;
  /** Grows with every change on the server; the highest version of a card is its latest state. */
  version: number;
  updatedAt: string;
  lead: {
    fullName: string;
    companyName: string | null;
    jobTitle: string | null;
    mainChannel: string | null;
    tags: string[];
    score: number | null;
    timezone: string | null;
    bestContactTime: unknown;
  };
}

export type Columns = Record<Stage, BoardCard[]>;

export function toColumns(stages: { stage: Stage; cards: BoardCard[] }[]): Columns {
  const columns = Object.fromEntries(STAGES.map((s) => [s, [] as BoardCard[]])) as Columns;
  for (const { stage, cards } of stages) columns[stage] = [...cards];
  return columns;
}

export function findCard(columns: Columns, id: string): BoardCard | undefined {
  for (const stage of STAGES) {
    const card = columns[stage].find((c) => c.id === id);
    if (card) return card;
  }
  return undefined;
}

/** Moves a card to `index` of `stage` (the optimistic part of a drag or keyboard move). */
export function moveCard(columns: Columns, id: string, stage: Stage, index: number): Columns {
  const card = findCard(columns, id);
  if (!card) return columns;
  const next = { ...columns, [card.stage]: columns[card.stage].filter((c) => c.id !== id) } as Columns;
  const target = [...next[stage].filter((c) => c.id !== id)];
  target.splice(Math.max(0, Math.min(index, target.length)), 0, { ...card, stage });
  return { ...next, [stage]: target };
}

/** The neighbours the server needs to place the card where it now is. */
export function neighbours(
  columns: Columns,
  id: string,
): { stage: Stage; before?: string; after?: string } | undefined {
  const card = findCard(columns, id);
  if (!card) return undefined;
  const column = columns[card.stage];
  const i = column.findIndex((c) => c.id === id);
  return { stage: card.stage, after: column[i - 1]?.id, before: column[i + 1]?.id };
}

/**
 * Applies the server's copy of a card (ours or another member's), ordered by rank. A copy whose version is
 * not above the one held is stale (events and responses can arrive in any order) and is ignored.
 */
export function upsertCard(columns: Columns, card: BoardCard): Columns {
  const current = findCard(columns, card.id);
  if (current && current.version >= card.version) return columns;
  const without = Object.fromEntries(STAGES.map((s) => [s, columns[s].filter((c) => c.id !== card.id)])) as Columns;
  without[card.stage] = [...without[card.stage], card].sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  return without;
}

export function removeCard(columns: Columns, id: string): Columns {
  return Object.fromEntries(STAGES.map((s) => [s, columns[s].filter((c) => c.id !== id)])) as Columns;
}

export function matchesFilter(card: BoardCard, query: string): boolean {
  if (!query.trim()) return true;
  const haystack = [card.lead.fullName, card.lead.companyName, card.lead.jobTitle, ...card.lead.tags]
    .join(" ")
    .toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .every((word) => haystack.includes(word));
}
