import { describe, expect, it } from "vitest";
import { normalizeHandle } from "./contact-handles";

describe("normalizeHandle", () => {
  it.each([
    ["whatsapp", "+49 151 23456789", null, "+4915123456789"],
    ["whatsapp", "0664 1234567", "AT", "+436641234567"],
    ["phone", "(202) 555-0143", "US", "+12025550143"],
    ["linkedin", "https://de.linkedin.com/in/Ada-L/?trk=x", null, "linkedin.com/in/ada-l"],
    ["linkedin", "Ada-Lovelace", null, "linkedin.com/in/ada-lovelace"],
    ["email", " Ada@Example.COM ", null, "ada@example.com"],
    ["instagram", "https://www.instagram.com/ada.l/", null, "ada.l"],
    ["instagram", "@OptOut", null, "@OptOut"],
    ["x", "https://twitter.com/ada_l", null, "ada_l"],
    ["x", "44196397", null, "44196397"],
    ["facebook", "https://facebook.com/profile.php?id=1234567", null, "1234567"],
  ])("%s %j → %s", (channel, value, country, expected) => {
    expect(normalizeHandle(channel, value, country)).toEqual({ ok: true, handle: expected });
  });

  it.each([
    ["whatsapp", "12"],
    ["whatsapp", "0151 23456789"],
    ["linkedin", "https://example.com/in/ada"],
    ["email", "ada@"],
    ["instagram", "has spaces in it"],
    ["x", "a_name_longer_than_fifteen"],
    ["facebook", "   "],
  ])("refuses %s %j with a message", (channel, value) => {
    const result = normalizeHandle(channel, value);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.message).not.toBe("");
  });
});
