import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IcpSchema } from "./icp.schema";
import { gazetteerNames } from "./icp-locations";
import { parseIcpRules } from "./icp-parser.service";

const TEMPLATES = [
  (place: string) => `CTOs of fintech companies in ${place}`,
  (place: string) => `${place.toUpperCase()} heads of marketing, 50-500 staff, need paid ads`,
  (place: string) => `founders near ${place}, not agencies`,
];

describe("every place in the gazetteer", () => {
  it("parses in any sentence into a valid profile that names it", () => {
    const names = gazetteerNames();
    expect(names.length).toBeGreaterThan(1000);
    const failures: string[] = [];
    for (const name of names) {
      for (const template of TEMPLATES) {
        const description = template(name);
        try {
          const icp = IcpSchema.parse(parseIcpRules(description));
          if (icp.locations.length === 0) failures.push(`${description}: no place found`);
        } catch (err) {
          failures.push(`${description}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it.each(["Washington DC", "Washington, D.C.", "washington d.c.", "Washington D C"])(
    "reads %j as the capital, not the state",
    (place) => {
      const [location] = parseIcpRules(`CTOs in ${place}`).locations;
      expect(location).toMatchObject({ kind: "city", countries: ["US"], timezones: ["America/New_York"] });
    },
  );

  it.each([
    ["Pristina", "XK"],
    ["Hargeysa", "SO"],
  ])("gives %s, which the dataset leaves uncoded, a country code", (place, code) => {
    expect(parseIcpRules(`Founders in ${place}`).locations[0]?.countries).toEqual([code]);
  });

  it("never throws on arbitrary text mixed with place names (seeded)", () => {
    const names = gazetteerNames();
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60 }),
        fc.constantFrom(...names),
        fc.string({ maxLength: 20 }),
        (before, place, after) => {
          IcpSchema.parse(parseIcpRules(`${before} ${place}${after}`));
        },
      ),
      { seed: 20261201, numRuns: 2000 },
    );
  });
});
