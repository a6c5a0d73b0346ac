// The classes a blind second holdout (bench/fixtures/icp-eval-holdout2.jsonl) found, on other sentences: a
// city's own state or code decides which city, "province of"/"au" name the province, negation stops at a
// spaced dash, "anything but"/"skip"/"never" negate, short-title typos, ARR as revenue, CRO in a list of chief
// titles, what the rep's company does is not the target, compound titles, and business words in es/pt/fr/de.
import { describe, expect, it } from "vitest";
import { parseIcpRules } from "./icp-parser.service";

const where = (text: string) =>
  parseIcpRules(text).locations.map((l) => `${l.kind}:${l.name}:${l.countries.join("/")}:${l.regionCode ?? ""}`);

describe("places the sentence qualifies", () => {
  it.each([
    ["Bakeries in Porto Alegre, RS", ["city:Porto Alegre:BR:BR-RS"]],
    ["Gyms in Belo Horizonte, Minas Gerais", ["city:Belo Horizonte:BR:BR-MG"]],
    ["Restaurants in the province of Ontario", ["region:Ontario:CA:CA-ON"]],
    ["Dirigeants de PME au Québec", ["region:Quebec:CA:CA-QC"]],
    ["HVAC companies across New England, skip Maine", ["US-CT", "US-MA", "US-NH", "US-RI", "US-VT"]],
  ])("%s", (text, expected) => {
    const found = where(text);
    if (expected[0]!.includes(":")) expect(found).toEqual(expected);
    else expect(found.map((l) => l.split(":").at(-1))).toEqual(expected);
  });
});

describe("negation scoped to its phrase", () => {
  it.each([
    [
      "no franchises - owners of bakeries in Lyon",
      { industries: ["food_beverage"], excludeIndustries: ["franchises"] },
    ],
    ["fintech CTOs, anything but insurance", { industries: ["fintech"], excludeIndustries: ["insurance"] }],
    ["hotel GMs in Spain, never hostels", { excludeIndustries: ["hostels"] }],
  ])("%s", (text, expected) => {
    expect(parseIcpRules(text)).toMatchObject(expected);
  });
});

describe("shorthand, typos and titles", () => {
  it("corrects a dropped letter in a short title word", () => {
    expect(parseIcpRules("directr of finance at hospitals").roles).toEqual(["Director of Finance"]);
  });

  it("reads ARR with a trailing plus as revenue", () => {
    expect(parseIcpRules("fintechs with ARR 5M+").annualRevenue).toEqual({ min: 5_000_000 });
  });

  it("reads CRO as a title next to other chief titles, and as a need otherwise", () => {
    expect(parseIcpRules("cfo or cro at insurers").roles).toEqual(["CFO", "CRO"]);
    expect(parseIcpRules("shops that need cro").needs).toEqual(["funnel"]);
  });

  it("keeps compound titles whole", () => {
    expect(parseIcpRules("people operations managers at retailers").roles).toEqual(["People Operations Manager"]);
    expect(parseIcpRules("field sales directors at brewers").roles).toEqual(["Director of Field Sales"]);
  });

  it("does not read what the rep's company does as the target", () => {
    const icp = parseIcpRules("our agency runs paid social for hotels in Nice");
    expect(icp.industries).toEqual(["hospitality"]);
  });
});

describe("business words in other languages", () => {
  it.each([
    ["Sócios de escritórios de advocacia em Recife", "legal"],
    ["Dueños de despachos contables en Lima", "accounting"],
    ["Geschäftsführer von Maschinenbauern in Stuttgart", "manufacturing"],
    ["Directeurs d'agences immobilières à Lyon", "real_estate"],
    ["Gerentes de marketing de tiendas online en Madrid", "ecommerce"],
  ])("%s", (text, industry) => {
    expect(parseIcpRules(text).industries).toEqual([industry]);
  });
});
