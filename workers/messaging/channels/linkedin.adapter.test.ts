import { describe, expect, it } from "vitest";
import type { LeadContact } from "../channel-adapter";
import { linkedinHandle } from "./linkedin.adapter";

const lead = (over: Partial<LeadContact>): LeadContact => ({
  id: "l1",
  fullName: "Ada Lovelace",
  email: null,
  phone: null,
  linkedinUrl: null,
  contactChannels: [],
  ...over,
});

describe("a lead's LinkedIn address", () => {
  it("is their profile in lead identity's form, from the LinkedIn handle first, else the LinkedIn URL", () => {
    expect(linkedinHandle(lead({ linkedinUrl: "https://de.linkedin.com/in/Ada-L/?trk=x" }))).toBe(
      "linkedin.com/in/ada-l",
    );
    expect(
      linkedinHandle(
        lead({
          linkedinUrl: "https://www.linkedin.com/in/old-ada",
          contactChannels: [{ channel: "linkedin", handle: "linkedin.com/in/ADA" }],
        }),
      ),
    ).toBe("linkedin.com/in/ada");
  });

  it("is none for company pages, Sales Navigator links or no LinkedIn at all: nobody there can be messaged", () => {
    expect(linkedinHandle(lead({ linkedinUrl: "https://www.linkedin.com/company/acme" }))).toBeNull();
    expect(linkedinHandle(lead({ linkedinUrl: "https://www.linkedin.com/sales/lead/ACwAA,NAME" }))).toBeNull();
    expect(linkedinHandle(lead({ contactChannels: [{ channel: "linkedin", handle: "ada lovelace" }] }))).toBeNull();
    expect(linkedinHandle(lead({}))).toBeNull();
  });
});
