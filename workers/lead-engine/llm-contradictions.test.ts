import { describe, expect, it } from "vitest";
import { emptyIcp } from "./icp.schema";
import type { Icp, IcpLocation } from "./icp.schema";
import { findContradictions } from "./llm-contradictions";
import type { ModelReading } from "./llm-contradictions";

const place = (name: string, countries: string[]): IcpLocation => ({ kind: "country", name, countries, timezones: [] });
const reading = (over: Partial<ModelReading> = {}): ModelReading => ({
  industries: [],
  excludeIndustries: [],
  locations: [],
  companySize: null,
  annualRevenue: null,
  ...over,
});
const icp = (over: Partial<Icp>): Icp => ({ ...emptyIcp(), ...over });

describe("findContradictions", () => {
  it.each([
    {
      name: "an industry the rules target and the model excludes",
      rules: icp({ industries: ["consulting"] }),
      model: reading({ excludeIndustries: ["consulting"] }),
      field: "industries",
    },
    {
      name: "an industry the rules exclude and the model targets",
      rules: icp({ excludeIndustries: ["retail"] }),
      model: reading({ industries: ["retail"] }),
      field: "industries",
    },
    {
      name: "company sizes that do not overlap",
      rules: icp({ companySize: { min: 50, max: 200 } }),
      model: reading({ companySize: { min: 1000 } }),
      field: "companySize",
    },
    {
      name: "revenue ranges that do not overlap",
      rules: icp({ annualRevenue: { min: 10_000_000, max: 20_000_000 } }),
      model: reading({ annualRevenue: { max: 1_000_000 } }),
      field: "annualRevenue",
    },
    {
      name: "places in different countries",
      rules: icp({ locations: [place("Cambridge, MA", ["US"])] }),
      model: reading({ locations: [place("Cambridge", ["GB"])] }),
      field: "places",
    },
  ])("flags $name", ({ rules, model, field }) => {
    const found = findContradictions(rules, model);
    expect(found.map((c) => c.field)).toEqual([field]);
    expect(found[0]!.rules).not.toBe(found[0]!.model);
  });

  it.each([
    {
      name: "a gap the model fills",
      rules: icp({}),
      model: reading({ companySize: { min: 10 }, industries: ["saas"] }),
    },
    {
      name: "overlapping ranges",
      rules: icp({ companySize: { min: 50, max: 500 } }),
      model: reading({ companySize: { min: 200, max: 1000 } }),
    },
    {
      name: "places sharing a country",
      rules: icp({ locations: [place("Berlin", ["DE"])] }),
      model: reading({ locations: [place("DACH", ["DE", "AT", "CH"])] }),
    },
    {
      name: "a second role the model adds",
      rules: icp({ seniorities: ["founder"], roles: ["Founder"] }),
      model: reading(),
    },
  ])("does not flag $name", ({ rules, model }) => {
    expect(findContradictions(rules, model)).toEqual([]);
  });

  it("words ranges the way a rep reads them", () => {
    const [c] = findContradictions(
      icp({ companySize: { min: 50, max: 200 } }),
      reading({ companySize: { min: 1000 } }),
    );
    expect(c).toEqual({ field: "companySize", rules: "50–200 employees", model: "1,000+ employees" });
  });
});
