import { describe, expect, it } from "vitest";
import { hasName, impliedTitle, looksLikeSalesNavigator, proposeMapping } from "./import-mapping";

describe("proposeMapping", () => {
  it.each([
    [
      "Sales Navigator",
      ["First Name", "Last Name", "Title", "Company", "Sales Navigator URL"],
      {
        "First Name": "firstName",
        "Last Name": "lastName",
        Title: "jobTitle",
        Company: "companyName",
        "Sales Navigator URL": "linkedinUrl",
      },
    ],
    [
      "Apollo",
      ["Name", "Email", "Person Linkedin Url", "# Employees", "Company Phone"],
      {
        Name: "fullName",
        Email: "email",
        "Person Linkedin Url": "linkedinUrl",
        "# Employees": "companySize",
        "Company Phone": "ignore",
      },
    ],
    [
      "HubSpot",
      ["Email Address", "Phone Number", "State/Region", "Country/Region", "Company Name"],
      {
        "Email Address": "email",
        "Phone Number": "phone",
        "State/Region": "region",
        "Country/Region": "country",
        "Company Name": "companyName",
      },
    ],
    [
      "case, punctuation and a BOM do not matter",
      ["\uFEFFFULL_NAME", "e-mail", "Job-Title"],
      { "\uFEFFFULL_NAME": "fullName", "e-mail": "email", "Job-Title": "jobTitle" },
    ],
    [
      "a field claimed twice keeps its first column",
      ["Email", "Work Email"],
      { Email: "email", "Work Email": "ignore" },
    ],
    ["unknown headers are ignored", ["Rank", "Zip Code"], { Rank: "ignore", "Zip Code": "ignore" }],
  ])("%s", (_label, headers, mapping) => {
    expect(proposeMapping(headers)).toEqual(mapping);
  });
});

describe("hasName", () => {
  it.each([
    [{ Name: "fullName" }, true],
    [{ F: "firstName", L: "lastName" }, true],
    [{ F: "firstName" }, false],
    [{ Email: "email" }, false],
  ] as const)("%j → %s", (mapping, expected) => {
    expect(hasName(mapping)).toBe(expected);
  });
});

describe("impliedTitle", () => {
  it.each([
    [{ CEO: "fullName" }, "CEO"],
    [{ " Founder ": "fullName" }, "Founder"],
    [{ CEO: "fullName", Title: "jobTitle" }, null],
    [{ Name: "fullName" }, null],
  ] as const)("%j → %j", (mapping, expected) => {
    expect(impliedTitle(mapping)).toBe(expected);
  });
});

describe("looksLikeSalesNavigator", () => {
  it.each([
    [["Name", "Sales Navigator URL"], true],
    [["Name", "SalesNavigator"], true],
    [["Name", "LinkedIn URL"], false],
  ])("%j → %s", (headers, expected) => {
    expect(looksLikeSalesNavigator(headers)).toBe(expected);
  });
});
