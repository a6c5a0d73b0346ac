import { describe, expect, it } from "vitest";
import type { StreamLead } from "./lead-stream";
import { rankedOf, reorders } from "./use-lead-results";

const lead = (id: string, rank: number) => ({ id, rank }) as StreamLead;
const list = (ids: string) => [...ids].map((id, i) => lead(id, i + 1));

describe("streamed results", () => {
  it("follow each lead's latest rank while streaming, then the final order", () => {
    const leads = { a: lead("a", 2), b: lead("b", 1), c: lead("c", 3) };
    expect(rankedOf({ leads, order: null }).map((l) => l.id)).toEqual(["b", "a", "c"]);
    expect(rankedOf({ leads, order: ["c", "a"] }).map((l) => l.id)).toEqual(["c", "a"]);
  });

  // Only a change that moves or removes a card on screen is animated; new cards just appear.
  it.each([
    ["first results", "", "abc", false],
    ["more results below", "ab", "abcd", false],
    ["a new lead ranked first", "ab", "cab", false],
    ["two cards swap", "abc", "bac", true],
    ["a card drops out", "abc", "ac", true],
    ["a reset", "abc", "", false],
    ["no change", "abc", "abc", false],
  ])("%s → animate: %s", (_name, before, after, animate) => {
    expect(reorders(list(before), list(after))).toBe(animate);
  });
});
