import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { samePerson } from "../../test/support/identity-variants";
import type { PersonVariant } from "../../test/support/identity-variants";
import type { Candidate } from "./candidate";
import { identityKeys, mergeCandidates, mergeGroup } from "./candidate-merge";
import type { SourceName } from "./icp.schema";

let seq = 0;
function candidate(source: SourceName, fields: Partial<Candidate> = {}): Candidate {
  return {
    source,
    sourceId: `${source}-${++seq}`,
    fetchedAt: "2026-11-01T00:00:00.000Z",
    fullName: null,
    firstName: null,
    jobTitle: null,
    seniority: null,
    email: null,
    phone: null,
    linkedinUrl: null,
    companyName: null,
    companyDomain: null,
    industry: null,
    companySize: null,
    annualRevenue: null,
    city: null,
    region: null,
    country: null,
    timezone: null,
    channels: [],
    signals: [],
    provenance: {},
    enriched: false,
    ...fields,
  };
}

const fromVariant = (v: PersonVariant, source: SourceName) =>
  candidate(source, {
    fullName: v.fullName,
    companyName: v.companyName,
    country: v.country,
    email: v.email ?? null,
    phone: v.phone ?? null,
    linkedinUrl: v.linkedinUrl ?? null,
    companyDomain: v.companyDomain ?? null,
  });

describe("identityKeys", () => {
  it.each([
    ["e-mail in any case and spacing", { email: " Ada@Acme.COM " }, ["e:ada@acme.com"]],
    ["a provider's formatted phone, in E.164 like the database", { phone: "+1 (415) 555-2671" }, ["p:+14155552671"]],
    ["a national phone with the person's country", { phone: "0151 23456789", country: "DE" }, ["p:+4915123456789"]],
    ["a national phone without a country is no key", { phone: "0151 23456789" }, []],
    [
      "LinkedIn with country host, query and trailing slash",
      { linkedinUrl: "http://de.linkedin.com/in/Ada-L/?trk=1" },
      ["l:linkedin.com/in/ada-l"],
    ],
    [
      "domain + name",
      { companyDomain: "https://www.Acme.com/about", fullName: "Ada  LOVELACE" },
      ["d:acme.com|ada lovelace"],
    ],
    [
      "name at company only when there is no other key",
      { fullName: "Ada Lovelace", companyName: " Acme Ltd " },
      ["n:ada lovelace|acme ltd"],
    ],
    [
      "no name-at-company key beside a real key",
      { fullName: "Ada Lovelace", companyName: "Acme", email: "ada@acme.com" },
      ["e:ada@acme.com"],
    ],
  ] as [string, Partial<Candidate>, string[]][])("%s", (_label, fields, keys) => {
    const c = candidate("apollo", fields);
    expect(identityKeys(c)).toEqual([...keys, `s:apollo:${c.sourceId}`]);
  });
});

describe("mergeGroup", () => {
  it.each([
    [
      "the higher-priority source's value wins",
      [
        ["sample", { jobTitle: "CMO" }],
        ["apollo", { jobTitle: "Chief Marketing Officer" }],
      ],
      { jobTitle: "Chief Marketing Officer" },
      { jobTitle: ["apollo", "sample"] },
    ],
    [
      "a lower-priority source fills what the better one lacks",
      [
        ["apollo", { jobTitle: "CMO", city: null }],
        ["sample", { city: "Berlin" }],
      ],
      { jobTitle: "CMO", city: "Berlin" },
      { jobTitle: ["apollo"], city: ["sample"] },
    ],
    [
      "a field nobody knows stays empty",
      [
        ["apollo", {}],
        ["crunchbase", {}],
      ],
      { industry: null },
      {},
    ],
  ] as [string, [SourceName, Partial<Candidate>][], Partial<Candidate>, Record<string, SourceName[]>][])(
    "%s",
    (_label, members, expected, provenance) => {
      const merged = mergeGroup(members.map(([source, fields]) => candidate(source, fields)));
      expect(merged).toMatchObject(expected);
      expect(merged.provenance).toEqual(provenance);
    },
  );

  it("keeps every source's id and unions channels without duplicates", () => {
    const a = candidate("apollo", { channels: [{ channel: "email", handle: "ada@acme.com", source: "apollo" }] });
    const b = candidate("sample", {
      channels: [
        { channel: "email", handle: "ADA@acme.com", source: "sample" },
        { channel: "linkedin", handle: "linkedin.com/in/ada", source: "sample" },
      ],
    });
    const merged = mergeGroup([b, a]);
    expect(merged.refs).toEqual({ apollo: a.sourceId, sample: b.sourceId });
    expect(merged.channels.map((h) => h.channel)).toEqual(["email", "linkedin"]);
  });
});

describe("mergeCandidates", () => {
  it("collapses formatting variants of one person from several sources into one candidate (property, seeded)", () => {
    const sources: SourceName[] = ["apollo", "crunchbase", "sample", "lists"];
    fc.assert(
      fc.property(
        samePerson("merge", { max: 5, spaces: true }),
        samePerson("other", { max: 3, spaces: true }),
        (person, other) => {
          const one = person.variants.map((v, i) => fromVariant(v, sources[i % sources.length]!));
          expect(mergeCandidates(one)).toHaveLength(1);
          // Someone else stays someone else.
          const two = [...one, ...other.variants.map((v, i) => fromVariant(v, sources[i % sources.length]!))];
          expect(mergeCandidates(two)).toHaveLength(2);
        },
      ),
      { seed: 20261201, numRuns: 300 },
    );
  });

  it("joins candidates transitively: A shares an e-mail with B, B a phone with C", () => {
    const groups = mergeCandidates([
      candidate("apollo", { email: "ada@acme.com" }),
      candidate("crunchbase", { email: "ADA@acme.com", phone: "+1 415 555 2671" }),
      candidate("sample", { phone: "(415) 555-2671", country: "US" }),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.members).toHaveLength(3);
  });
});
