import { describe, expect, it } from "vitest";
import { parseIcpRules } from "./icp-parser.service";

const TITLES = ["Principal", "Superintendent of Schools", "Controller", "Owner", "Head Chef"];
const roles = (text: string) => parseIcpRules(text, {}, { industryLabels: [], titles: TITLES }).roles;

describe("the workspace's job titles as roles", () => {
  it.each([
    ["school principals in Ohio", ["Principal"]],
    ["superintendents of schools in Texas", ["Superintendent of Schools"]],
    ["controllers at hospitals", ["Controller"]],
    ["head chefs at restaurants in Lyon", ["Head Chef"]],
  ])("%s", (text, expected) => {
    expect(roles(text)).toEqual(expected);
  });

  it("does not take an everyday one-word title from the list, and knows nothing without a list", () => {
    const icp = parseIcpRules("owner-run bakeries in Berlin", {}, { industryLabels: [], titles: TITLES });
    expect(icp.listTitles).toEqual([]);
    expect(parseIcpRules("school principals in Ohio").roles).toEqual([]);
  });

  it("never corrects a word of the workspace's own lists as a typo", () => {
    expect(roles("head chefs at restaurants in Lyon")).toEqual(["Head Chef"]);
  });
});
