// One person written many ways is one lead, whichever path creates it: CSV import and manual create go
// through the API into real Postgres (its unique indexes and normal-form checks); generation merge is covered
// in workers/lead-engine/candidate-merge.test.ts with the same variants.
import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { call, postJson } from "../support/api-client";
import { createUser } from "../support/auth";
import type { TestUser } from "../support/auth";
import { importFinished } from "../support/factories";
import { samePerson } from "../support/identity-variants";
import type { PersonVariant } from "../support/identity-variants";

const RUNS = 6;

async function leadsOf(user: TestUser) {
  return (await call("/api/leads?limit=100", { headers: user.headers })).body.leads as {
    id: string;
    fullName: string;
    email: string | null;
    phone: string | null;
    linkedinUrl: string | null;
    companyDomain: string | null;
  }[];
}

const COUNTRY_NAMES: Record<string, string> = { US: "United States", DE: "Germany", GB: "United Kingdom" };

function csvOf(variants: PersonVariant[]): string {
  const rows = variants.map((v) => [
    v.fullName,
    v.companyName,
    COUNTRY_NAMES[v.country] ?? v.country,
    v.email ?? "",
    v.phone ?? "",
    v.linkedinUrl ?? "",
    v.companyDomain ?? "",
  ]);
  return Papa.unparse([["Full Name", "Company", "Country", "Email", "Phone", "LinkedIn URL", "Website"], ...rows]);
}

async function importCsv(user: TestUser, text: string) {
  const res = await call("/api/imports", {
    method: "POST",
    headers: { ...user.headers, "content-type": "text/csv" },
    body: text,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return importFinished(user, res.body.import.id);
}

const lead = (v: PersonVariant) => ({
  fullName: v.fullName,
  companyName: v.companyName,
  location: { country: v.country },
  ...(v.email ? { email: v.email } : {}),
  ...(v.phone ? { phone: v.phone } : {}),
  ...(v.linkedinUrl ? { linkedinUrl: v.linkedinUrl } : {}),
  ...(v.companyDomain ? { companyDomain: v.companyDomain } : {}),
});

describe("same person, one lead (property, seeded)", () => {
  it("CSV import: variants in one file fold into one lead, and a later file's variant merges into it", async () => {
    await fc.assert(
      fc.asyncProperty(samePerson("imp", { max: 4, spaces: true }), async ({ variants }) => {
        const user = await createUser("identity-import");
        const first = await importCsv(user, csvOf(variants.slice(0, -1)));
        expect(first).toMatchObject({ status: "completed", failed: 0, imported: 1 });
        const second = await importCsv(user, csvOf(variants.slice(-1)));
        expect(second).toMatchObject({ status: "completed", failed: 0, imported: 0, merged: 1 });
        expect(await leadsOf(user)).toHaveLength(1);
      }),
      { seed: 1201, numRuns: RUNS },
    );
  });

  it("manual create: every variant after the first returns the same lead (200, not a duplicate)", async () => {
    await fc.assert(
      fc.asyncProperty(samePerson("man", { max: 4 }), async ({ variants }) => {
        const user = await createUser("identity-manual");
        const ids = new Set<string>();
        for (const v of variants) {
          const res = await postJson("/api/leads", lead(v), user.headers);
          expect([200, 201], JSON.stringify(res.body)).toContain(res.status);
          ids.add(res.body.lead.id);
        }
        expect(ids.size).toBe(1);
        expect(await leadsOf(user)).toHaveLength(1);
      }),
      { seed: 1202, numRuns: RUNS },
    );
  });

  it("import then manual create then import: the paths agree with each other", async () => {
    await fc.assert(
      fc.asyncProperty(samePerson("mix", { max: 3, spaces: true }), samePerson("mix", { max: 2 }), async (a, b) => {
        // Same id: the same person; each record set carries its own shared key kind, so join them with an e-mail.
        const user = await createUser("identity-mixed");
        const email = `ada.mix@analytical-mix.example`;
        await importCsv(user, csvOf(a.variants.map((v) => ({ ...v, email: `  ${email.toUpperCase()} ` }))));
        const manual = await postJson("/api/leads", lead({ ...b.variants[0]!, email }), user.headers);
        expect(manual.status).toBe(200);
        const stored = await leadsOf(user);
        expect(stored).toHaveLength(1);
        expect(stored[0]).toMatchObject({ email });
      }),
      { seed: 1203, numRuns: 3 },
    );
  });

  it("a person with no key at all: the same name at the same company is one lead on import and on manual create", async () => {
    const user = await createUser("identity-name-company");
    expect(await importCsv(user, "Full Name,Company\nGrace Hopper,Navy Labs\n")).toMatchObject({ imported: 1 });
    const res = await postJson("/api/leads", { fullName: "grace  HOPPER", companyName: "navy labs " }, user.headers);
    expect(res.status).toBe(200);
    // Someone else at the same company is another person.
    expect(
      (await postJson("/api/leads", { fullName: "Grace Other", companyName: "Navy Labs" }, user.headers)).status,
    ).toBe(201);
    expect(await leadsOf(user)).toHaveLength(2);
  });
});
