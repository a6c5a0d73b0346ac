import { describe, expect, it } from "vitest";
import { parseIcpRules } from "./icp-parser.service";
import type { ListPlace } from "./list-places";

const PLACES: ListPlace[] = [
  { city: "Coral Gables", region: "Florida", country: "US" },
  { city: "Menomonee Falls", region: "Wisconsin", country: "US" },
  { city: "Mobile", region: "Alabama", country: "US" },
  { city: "Bentonville", region: "Arkansas", country: "US" },
];
const places = (text: string) =>
  parseIcpRules(text, {}, { industryLabels: [], places: PLACES }).locations.map((l) => `${l.name}:${l.countries}`);

describe("the workspace's towns as places", () => {
  it.each([
    ["CFOs in Coral Gables", ["Coral Gables:US"]],
    ["retailers in bentonville", ["Bentonville:US"]],
    ["Menomonee Falls manufacturers", ["Menomonee Falls:US"]],
    ["agencies in Mobile, AL and Miami", ["Mobile:US", "Miami:US"]],
  ])("%s", (text, expected) => {
    expect(places(text)).toEqual(expected);
  });

  it("does not read a list town that is also an everyday word, written as one", () => {
    expect(places("mobile app studios in Berlin")).toEqual(["Berlin:DE"]);
  });

  it("knows nothing of towns without a list", () => {
    expect(parseIcpRules("CFOs in Coral Gables").locations).toEqual([]);
  });
});
