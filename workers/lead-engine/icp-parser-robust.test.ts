// How reps really type (issue 14), on sentences that are not in either evaluation set: places the sentence
// disambiguates, codes inside and outside the US, scoped exclusions, the rep's own product, typos, shorthand,
// other languages, unit traps and titles, needs and industries outside the lists.
import { describe, expect, it } from "vitest";
import evalRobustGenerated from "../../bench/fixtures/icp-eval-robust-generated.jsonl?raw";
import evalRobustHandwritten from "../../bench/fixtures/icp-eval-robust-handwritten.jsonl?raw";
import { evaluate, parseEvalSet } from "./icp-evaluation";
import { parseIcpRules } from "./icp-parser.service";

const where = (text: string) =>
  parseIcpRules(text).locations.map((l) => [l.kind, l.name, l.countries.join("/"), l.regionCode ?? ""]);

describe("places, with the sentence's own context", () => {
  it.each([
    ["Dentists in Springfield, Illinois", ["city", "Springfield", "US", "US-IL"]],
    ["Dentists in Springfield, MA", ["city", "Springfield", "US", "US-MA"]],
    ["Wineries near Perth, Scotland", ["city", "Perth", "GB", "GB-SCT"]],
    ["Agencies in Cordoba, Argentina", ["city", "Cordoba", "AR", "AR-X"]],
    ["Plumbers in Cambridge, MA", ["city", "Cambridge", "US", "US-MA"]],
    ["Gyms in Paris, Texas", ["city", "Paris", "US", "US-TX"]],
    ["Roofers in Austin TX", ["city", "Austin", "US", "US-TX"]],
  ])("%s", (text, expected) => {
    expect(where(text)[0]).toEqual(expected);
  });

  it("reads state and province codes and names inside and outside the US", () => {
    expect(where("HVAC firms in FL and GA").map((l) => l[3])).toEqual(["US-FL", "US-GA"]);
    expect(where("Builders across QLD").map((l) => l[3])).toEqual(["AU-QLD"]);
    expect(where("Breweries in Bavaria and Saxony").map((l) => l[3])).toEqual(["DE-BY", "DE-SN"]);
    expect(where("Startups in the Pacific Northwest").map((l) => l[3])).toEqual(["US-WA", "US-OR", "US-ID"]);
  });

  it("does not read a state code as a channel or an English word as a state", () => {
    const icp = parseIcpRules("Mining CEOs in Perth, WA");
    expect(icp.channels).toEqual([]);
    expect(icp.locations[0]?.countries).toEqual(["AU"]);
    expect(parseIcpRules("SaaS CTOs IN Berlin OR Munich").locations.map((l) => l.name)).toEqual(["Berlin", "Munich"]);
  });
});

describe("exclusions scoped to their phrase", () => {
  it("keeps an excluded industry out of the targets", () => {
    const icp = parseIcpRules("Fintechs in Madrid, avoid consultancies and banks");
    expect(icp.industries).toEqual(["fintech"]);
    expect(icp.excludeIndustries).toEqual(["banking", "consulting"]);
  });

  it("subtracts an excluded country from a region instead of adding it", () => {
    const icp = parseIcpRules("Retailers in Benelux other than Luxembourg");
    expect(icp.locations.flatMap((l) => l.countries)).toEqual(["BE", "NL"]);
    expect(icp.excludeIndustries).toEqual([]);
  });

  it("keeps an excluded sub-segment as a term without excluding its parent", () => {
    const icp = parseIcpRules("Insurance companies in Ohio but not insurtechs");
    expect(icp.industries).toEqual(["insurance"]);
    expect(icp.excludeIndustries).toEqual(["insurtechs"]);
  });

  it("reads 'no more than' as a bound, not an exclusion", () => {
    const icp = parseIcpRules("Agencies with no more than 20 employees");
    expect(icp.companySize).toEqual({ max: 20 });
    expect(icp.excludeIndustries).toEqual([]);
  });
});

describe("what the rep sells is not the target", () => {
  it("reads only the target's industry", () => {
    const icp = parseIcpRules("We build HR software and want to reach clinic owners in Porto");
    expect(icp.industries).toEqual(["healthcare"]);
    expect(icp.roles).toEqual(["Owner"]);
  });
});

describe("typos, shorthand, units and other languages", () => {
  it.each([
    ["markting directers at insurnace companies", ["Director of Marketing"], ["insurance"]],
    ["hd of ops at logistcs cos", ["Head of Operations"], ["logistics"]],
    ["vp eng @ fintech", ["VP of Engineering"], ["fintech"]],
    ["Agencies with no more than 20 employees", [], ["marketing_agency"]],
  ])("%s", (text, roles, industries) => {
    const icp = parseIcpRules(text);
    expect(icp.industries).toEqual(industries);
    expect(icp.roles).toEqual(roles);
  });

  it.each([
    ["ctos at saas cos 50-200 ppl", { min: 50, max: 200 }, null],
    ["founders, fintech, 10-50", { min: 10, max: 50 }, null],
    ["retailers with rev 20-50 mil", null, { min: 20_000_000, max: 50_000_000 }],
    ["funds with $2B AUM and over 30 staff", { min: 30 }, null],
  ])("%s", (text, size, revenue) => {
    const icp = parseIcpRules(text);
    if (size) expect(icp.companySize).toEqual(size);
    expect(icp.annualRevenue).toEqual(revenue);
  });

  it.each([
    ["Gerentes de ventas en empresas de logística en Bogotá", "logistics", "CO"],
    ["Gerentes de vendas em empresas de logística em Curitiba", "logistics", "BR"],
    ["Vertriebsleiter bei Logistikunternehmen in Wien", "logistics", "AT"],
    ["Directeurs commerciaux d'entreprises de logistique à Lyon", "logistics", "FR"],
  ])("%s", (text, industry, country) => {
    const icp = parseIcpRules(text);
    expect(icp.industries).toEqual([industry]);
    expect(icp.locations[0]?.countries).toEqual([country]);
    expect(icp.functions).toEqual(["sales"]);
  });
});

describe("open vocabulary", () => {
  it("keeps titles, needs and industries outside the lists in the rep's words", () => {
    const icp = parseIcpRules("Warehouse managers at packaging companies who need help to cut shipping costs");
    expect(icp.roles).toEqual(["Warehouse Manager"]);
    expect(icp.seniorities).toEqual(["manager"]);
    expect(icp.industries).toEqual(["packaging"]);
    expect(icp.needTerms).toEqual(["cut shipping costs"]);
  });

  it("says when nothing was understood, and what was ignored", () => {
    const icp = parseIcpRules("blorp wizzle quantum vibes");
    expect(icp.understood).toBe(false);
    expect(icp.ignored).toEqual(["blorp", "wizzle", "quantum", "vibes"]);
    expect(parseIcpRules("CTOs in Lisbon").understood).toBe(true);
  });
});

describe("the robustness evaluation set", () => {
  it("meets F1 ≥ 0.9 on every field", () => {
    const cases = [...parseEvalSet(evalRobustGenerated), ...parseEvalSet(evalRobustHandwritten)];
    expect(cases.length).toBeGreaterThanOrEqual(150);
    const { scores } = evaluate(cases, (text) => parseIcpRules(text));
    for (const s of scores) expect(s.f1, s.field).toBeGreaterThanOrEqual(0.9);
  });
});
