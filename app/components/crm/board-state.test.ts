import { describe, expect, it } from "vitest";
import { moveCard, neighbours, toColumns, upsertCard } from "./board-state";
import type { BoardCard, Stage } from "./board-state";

function card(id: string, stage: Stage, rank: string, version = 1, updatedAt = "2026-01-01T00:00:00.000Z"): BoardCard {
  return {
    id,
    stage,
    rank,
    version,
    updatedAt,
    pipelineId: "p",
    leadId: `lead-${id}`,
    position: 0,
    status: "open",
    notes: null,
    lead: {
      fullName: id,
      companyName: null,
      jobTitle: null,
      mainChannel: null,
      tags: [],
      score: null,
      timezone: null,
      bestContactTime: null,
    },
  };
}

const ids = (cards: BoardCard[]) => cards.map((c) => c.id);
const board = () =>
  toColumns([
    {
      stage: "To Contact",
      cards: [card("a", "To Contact", "a0"), card("b", "To Contact", "a1"), card("c", "To Contact", "a2")],
    },
  ]);

describe("board state", () => {
  it("moves a card across columns and reports the neighbours the server needs", () => {
    const moved = moveCard(board(), "b", "Contacted", 0);
    expect(ids(moved["To Contact"])).toEqual(["a", "c"]);
    expect(ids(moved.Contacted)).toEqual(["b"]);
    expect(neighbours(moved, "b")).toEqual({ stage: "Contacted", after: undefined, before: undefined });
    expect(neighbours(moveCard(board(), "c", "To Contact", 0), "c")).toEqual({
      stage: "To Contact",
      after: undefined,
      before: "a",
    });
  });

  it("places cards from the server by rank, and never lets an older version win", () => {
    const updated = upsertCard(board(), card("a", "To Contact", "a1V", 2));
    expect(ids(updated["To Contact"])).toEqual(["b", "a", "c"]);
    const stale = upsertCard(updated, card("a", "Closed", "a0", 1));
    expect(ids(stale.Closed)).toEqual([]);
    expect(upsertCard(updated, card("a", "Closed", "a0", 2))).toBe(updated);
  });

  it("orders by version, not by time: a later version with an earlier timestamp still wins", () => {
    // Two moves race: the one whose transaction started first commits second, so it carries the older time.
    const first = upsertCard(board(), card("a", "Contacted", "a0", 2, "2026-01-01T00:00:02.000Z"));
    const second = upsertCard(first, card("a", "Closed", "a0", 3, "2026-01-01T00:00:01.000Z"));
    expect(ids(second.Closed)).toEqual(["a"]);
    expect(ids(second.Contacted)).toEqual([]);
  });
});
