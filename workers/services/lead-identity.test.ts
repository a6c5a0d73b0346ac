import { describe, expect, it } from "vitest";
import { nameKey, normalizeDomain, normalizeEmail, normalizeLinkedinUrl, normalizePhone } from "./lead-identity";

describe("lead identity normal forms", () => {
  it.each([
    [" Ada@Example.COM ", "ada@example.com"],
    ["", null],
    [null, null],
  ])("email %j → %j", (input, out) => expect(normalizeEmail(input)).toBe(out));

  it.each([
    ["+49 151 23456789", null, "+4915123456789"],
    ["0151 23456789", "DE", "+4915123456789"],
    ["(415) 555-2671", "us", "+14155552671"],
    ["12", "US", null],
    ["not a phone", null, null],
  ])("phone %j (country %j) → %j", (input, country, out) => expect(normalizePhone(input, country)).toBe(out));

  it.each([
    ["https://www.LinkedIn.com/in/Ada-L/?trk=abc", "linkedin.com/in/ada-l"],
    ["linkedin.com/sales/lead/ACwAA123,NAME", "linkedin.com/sales/lead/acwaa123,name"],
    ["https://example.com/in/ada", null],
  ])("LinkedIn %j → %j", (input, out) => expect(normalizeLinkedinUrl(input)).toBe(out));

  it.each([
    ["https://www.Acme.com/about", "acme.com"],
    ["acme.co.uk", "acme.co.uk"],
    ["ceo@acme.io", "acme.io"],
    ["not a domain", null],
  ])("domain %j → %j", (input, out) => expect(normalizeDomain(input)).toBe(out));

  it.each([
    ["Zoë  O'Neil", "zoe oneil"],
    ["  JOSÉ   garcía-lópez ", "jose garcialopez"],
    ["", null],
  ])("name %j → %j", (input, out) => expect(nameKey(input)).toBe(out));
});
