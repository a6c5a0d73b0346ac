import { describe, expect, it } from "vitest";
import { normalizeRow, parseAmount, tidyName } from "./import-row";

describe("parseAmount", () => {
  it.each([
    ["2,100,000", 2_100_000],
    ["$681,000,000,000", 681_000_000_000],
    ["1.2M", 1_200_000],
    ["$5m", 5_000_000],
    ["250k", 250_000],
    ["3.4bn", 3_400_000_000],
    ["51-200", 51],
    ["10,001+", 10_001],
    ["  42 ", 42],
    ["n/a", undefined],
    ["", undefined],
    [undefined, undefined],
  ])("%j → %j", (text, expected) => {
    expect(parseAmount(text)).toBe(expected);
  });
});

describe("tidyName", () => {
  it.each([
    ["ADA LOVELACE", "Ada Lovelace"],
    ["ada lovelace", "Ada Lovelace"],
    ["o'neil-smith", "O'Neil-Smith"],
    ["McMillon  Douglas", "McMillon Douglas"],
    ["  van der  Berg ", "van der Berg"],
  ])("%j → %j", (text, expected) => {
    expect(tidyName(text)).toBe(expected);
  });
});

describe("normalizeRow", () => {
  const mapping = { Name: "fullName", Email: "email", Phone: "phone", Country: "country", Web: "website" } as const;
  it.each([
    [
      "normal forms",
      {
        Name: "ADA LOVELACE",
        Email: "Ada@Acme.COM",
        Phone: "0151 23456789",
        Country: "Germany",
        Web: "https://www.acme.com/x",
      },
      {
        ok: true,
        lead: {
          fullName: "Ada Lovelace",
          email: "ada@acme.com",
          phone: "+4915123456789",
          companyDomain: "acme.com",
          location: { country: "DE" },
        },
      },
    ],
    [
      "the company domain comes from a work e-mail",
      { Name: "Ada", Email: "ada@acme.io", Phone: "", Country: "", Web: "" },
      { ok: true, lead: { companyDomain: "acme.io" } },
    ],
    [
      "not from a free-mail address",
      { Name: "Ada", Email: "ada@gmail.com", Phone: "", Country: "", Web: "" },
      { ok: true, lead: { companyDomain: undefined } },
    ],
    [
      "our export's formula apostrophe is undone",
      { Name: "Ada", Email: "", Phone: "'+4915123456789", Country: "", Web: "" },
      { ok: true, lead: { phone: "+4915123456789" } },
    ],
    [
      "no name",
      { Name: " ", Email: "a@b.io", Phone: "", Country: "", Web: "" },
      { ok: false, column: null, message: expect.stringMatching(/No name/) },
    ],
    [
      "a bad e-mail names its column",
      { Name: "Ada", Email: "nope", Phone: "", Country: "", Web: "" },
      { ok: false, column: "Email" },
    ],
    [
      "a national phone without a country",
      { Name: "Ada", Email: "", Phone: "0151 23456789", Country: "", Web: "" },
      { ok: false, column: "Phone", message: expect.stringMatching(/add the country code/) },
    ],
  ])("%s", (_label, record, expected) => {
    expect(normalizeRow(record, mapping, null)).toMatchObject(expected);
  });
});
