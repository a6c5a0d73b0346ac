import { describe, expect, test } from "bun:test";
import { linkedinProfilePath } from "./linkedin-session";
import { newJsessionId, urnId } from "./linkedin-voyager.http";

describe("LinkedIn addresses", () => {
  test("any profile URL becomes linkedin.com/in/<slug>, lower case, without query or country subdomain", () => {
    expect(linkedinProfilePath("https://de.linkedin.com/in/Ada-Lovelace/?trk=x#top")).toBe(
      "linkedin.com/in/ada-lovelace",
    );
    expect(linkedinProfilePath("linkedin.com/in/j%C3%BCrgen-m")).toBe("linkedin.com/in/jürgen-m");
  });

  test("company pages, other sites and odd slugs are not people to message", () => {
    expect(linkedinProfilePath("https://www.linkedin.com/company/acme")).toBeNull();
    expect(linkedinProfilePath("https://example.com/in/ada")).toBeNull();
    expect(linkedinProfilePath("https://www.linkedin.com/in/a")).toBeNull();
    expect(linkedinProfilePath("https://www.linkedin.com/in/ada;drop")).toBeNull();
  });

  test("urn ids and a made CSRF pair", () => {
    expect(urnId("urn:li:fs_miniProfile:ACoAAB12")).toBe("ACoAAB12");
    // Bytes from the secure source: 255 (biased, drawn again) is skipped, 15 gives 5.
    expect(newJsessionId((b) => b.fill(255).fill(15, 0, 10))).toBe(`ajax:${"5".repeat(19)}`);
    const made = new Set(Array.from({ length: 50 }, () => newJsessionId()));
    expect(made.size).toBe(50);
    for (const id of made) expect(id).toMatch(/^ajax:[0-9]{19}$/);
  });
});
