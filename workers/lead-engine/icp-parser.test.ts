import { describe, expect, it } from "vitest";
import evalSet from "../../bench/fixtures/icp-eval.jsonl?raw";
import { evaluate, parseEvalSet } from "./icp-evaluation";
import { parseIcpRules } from "./icp-parser.service";

describe("parseIcpRules", () => {
  it.each([
    ["over 10k staff", { min: 10_000 }],
    ["50–500 employees", { min: 50, max: 500 }],
    ["between 200 and 1,000 people", { min: 200, max: 1000 }],
    ["fewer than 20 employees", { max: 20 }],
    ["100+ employees", { min: 100 }],
    ["mid-size companies", { min: 51, max: 1000 }],
  ])("reads company size from %j", (phrase, range) => {
    expect(parseIcpRules(`CEOs of software companies with ${phrase}`).companySize).toEqual(range);
  });

  it.each([
    ["$5M–$50M revenue", { min: 5_000_000, max: 50_000_000 }],
    ["revenue > $1B", { min: 1_000_000_000 }],
    ["annual revenue under €2.5m", { max: 2_500_000 }],
    ["ARR between 1M and 5M", { min: 1_000_000, max: 5_000_000 }],
  ])("reads revenue from %j without mistaking it for head-count", (phrase, range) => {
    const icp = parseIcpRules(`Founders of fintechs with ${phrase}`);
    expect(icp.annualRevenue).toEqual(range);
    expect(icp.companySize).toBeNull();
  });

  it("resolves places to ISO codes and IANA zones, longest name first", () => {
    const icp = parseIcpRules("CTOs in New York, São Paulo and the DACH region");
    expect(icp.locations.map((l) => [l.kind, l.name, l.countries.join("/"), l.timezones[0]])).toEqual([
      ["city", "New York", "US", "America/New_York"],
      ["city", "Sao Paulo", "BR", "America/Sao_Paulo"],
      ["area", "DACH", "DE/AT/CH", "Europe/Berlin"],
    ]);
  });

  it("does not read pronouns and common words as places or channels", () => {
    const icp = parseIcpRules("Help us find nice marketing leads for a mobile app company");
    expect(icp.locations).toEqual([]);
    expect(icp.channels).toEqual([]);
  });

  it("lets explicit filters win over the text and records which did", () => {
    const icp = parseIcpRules("CEOs in France via Instagram", {
      location: "Berlin",
      channel: "linkedin",
      needs: ["seo"],
    });
    expect(icp.locations.map((l) => l.name)).toEqual(["Berlin"]);
    expect(icp.channels[0]).toBe("linkedin");
    expect(icp.needs).toEqual(["seo"]);
    expect(icp.fromFilters).toEqual(["location", "channel", "needs"]);
  });

  it("meets precision and recall ≥ 0.9 on every field of the labelled evaluation set", () => {
    const cases = parseEvalSet(evalSet);
    expect(cases.length).toBeGreaterThanOrEqual(60);
    const { scores } = evaluate(cases, (text) => parseIcpRules(text));
    for (const s of scores) {
      expect(s.precision, `${s.field} precision`).toBeGreaterThanOrEqual(0.9);
      expect(s.recall, `${s.field} recall`).toBeGreaterThanOrEqual(0.9);
    }
  });
});
