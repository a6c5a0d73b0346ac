import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_AUTH, safeRedirectPath, safeRedirectUrl } from "./safe-redirect";

const OFF_SITE = [
  "//evil.example",
  "//evil.example/dashboard",
  "/\\evil.example",
  "\\\\evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "\t//evil.example",
  "/\u0000/evil.example",
  "/\u007f/evil.example",
  "/\u2028/evil.example",
  "/dashboard\\..\\..\\/evil.example",
  "https://evil.example",
  "http:evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "evil.example",
  " /dashboard",
  "/%2F%2Fevil.example",
  "/%2fevil.example",
  "%2F%2Fevil.example",
  "/%5Cevil.example",
  "/%09/evil.example",
  "/%0a/evil.example",
  "/%252F%252Fevil.example",
  "/%",
  "",
  `/${"a".repeat(3000)}`,
];

const ON_SITE: [input: string, expected: string][] = [
  ["/dashboard", "/dashboard"],
  ["/dashboard/leads", "/dashboard/leads"],
  ["/dashboard/crm?pipeline=abc&view=board", "/dashboard/crm?pipeline=abc&view=board"],
  ["/invitations/tok_123#join", "/invitations/tok_123#join"],
  ["/dashboard/leads/../crm", "/dashboard/crm"],
  ["/search?q=caf%C3%A9", "/search?q=caf%C3%A9"],
  ["/", "/"],
];

describe("safeRedirectPath", () => {
  it.each(OFF_SITE)("falls back for %j", (input) => {
    expect(safeRedirectPath(input)).toBe(DEFAULT_AFTER_AUTH);
  });

  it.each(ON_SITE)("keeps the same-origin path %j", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });

  it("falls back for values that are not strings, and honours a custom fallback", () => {
    for (const value of [null, undefined, 42, {}, ["/dashboard"]])
      expect(safeRedirectPath(value)).toBe(DEFAULT_AFTER_AUTH);
    expect(safeRedirectPath("//evil.example", "/login")).toBe("/login");
  });

  it("never yields a URL that resolves off-site in a browser", () => {
    for (const input of [...OFF_SITE, ...ON_SITE.map(([i]) => i)]) {
      const out = safeRedirectPath(input);
      // What a browser does with a Location header: strip tabs/newlines, then resolve against the page.
      const resolved = new URL(out.replace(/[\t\n\r]/g, ""), "https://app.example");
      expect(resolved.origin).toBe("https://app.example");
    }
  });
});

describe("safeRedirectUrl (auth e-mail links)", () => {
  const origin = "https://app.example";
  it("keeps this origin and the allowed ones, and turns everything else into a path here", () => {
    expect(safeRedirectUrl("https://app.example/reset?x=1", origin)).toBe("https://app.example/reset?x=1");
    expect(safeRedirectUrl("https://partner.example/cb", origin, ["https://partner.example"])).toBe(
      "https://partner.example/cb",
    );
    expect(safeRedirectUrl("https://evil.example/cb", origin)).toBe(`${origin}${DEFAULT_AFTER_AUTH}`);
    expect(safeRedirectUrl("/reset", origin)).toBe("https://app.example/reset");
    expect(safeRedirectUrl("https://app.example//evil.example", origin)).toBe(`${origin}${DEFAULT_AFTER_AUTH}`);
    expect(safeRedirectUrl(undefined, origin)).toBe(`${origin}${DEFAULT_AFTER_AUTH}`);
  });
});
