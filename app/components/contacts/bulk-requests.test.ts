import { describe, expect, it } from "vitest";
import { BULK_CHUNK, EXPORT_MAX, chunks, exportHref } from "./bulk-requests";

const ids = (n: number) => Array.from({ length: n }, (_, i) => `id-${i}`);

describe("bulk requests", () => {
  it("cuts 1,201 ids into runs of 500 that keep every id once, in order", () => {
    const runs = chunks(ids(1201));
    expect(runs.map((r) => r.length)).toEqual([BULK_CHUNK, BULK_CHUNK, 201]);
    expect(runs.flat()).toEqual(ids(1201));
    expect(chunks([])).toEqual([]);
  });

  it("exports the selection, the filter when nothing is selected, and nothing (not the whole filter) past 200", () => {
    expect(exportHref(["a", "b"], "tag=x")).toBe("/api/leads/export.csv?ids=a,b");
    expect(exportHref([], "tag=x")).toBe("/api/leads/export.csv?tag=x");
    expect(exportHref([], "")).toBe("/api/leads/export.csv");
    expect(exportHref(ids(EXPORT_MAX), "tag=x")).toContain("ids=id-0,");
    expect(exportHref(ids(EXPORT_MAX + 1), "tag=x")).toBeNull();
  });
});
