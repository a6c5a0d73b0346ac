import { describe, expect, it } from "vitest";
import { handleHref } from "./handle-links";

describe("handleHref", () => {
  it("links LinkedIn only through the LinkedIn normal form, never to another site", () => {
    expect(handleHref("linkedin", "linkedin.com/in/ada-l")).toBe("https://www.linkedin.com/in/ada-l");
    expect(handleHref("linkedin", "https://de.linkedin.com/in/Ada-L/?trk=x")).toBe("https://www.linkedin.com/in/ada-l");
    expect(handleHref("linkedin", "evil.com/x")).toBeNull();
    expect(handleHref("linkedin", "evil.com/linkedin.com/in/ada")).toBe("https://www.linkedin.com/in/ada");
    expect(handleHref("linkedin", "ada-lovelace")).toBeNull();
  });

  it("URL-encodes Instagram, X and Facebook names so an imported handle cannot leave the profile path", () => {
    expect(handleHref("instagram", "@ada.l")).toBe("https://instagram.com/ada.l");
    expect(handleHref("instagram", "../evil?x=1#y")).toBe("https://instagram.com/..%2Fevil%3Fx%3D1%23y");
    expect(handleHref("x", "44196397")).toBe("https://x.com/i/user/44196397");
    expect(handleHref("x", "a/b")).toBe("https://x.com/a%2Fb");
    expect(handleHref("facebook", "1234567")).toBe("https://facebook.com/profile.php?id=1234567");
    expect(handleHref("facebook", "evil.com/x")).toBe("https://facebook.com/evil.com%2Fx");
    expect(handleHref("facebook", "@")).toBeNull();
  });
});
