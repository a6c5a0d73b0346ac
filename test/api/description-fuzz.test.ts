// Generated descriptions over HTTP: every kind of place, punctuation, script and unit the parser can meet ends in
// a 2xx or a clear 4xx — never a 5xx (a description naming "Washington DC" used to be a 500 every time).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gazetteerNames } from "../../workers/lead-engine/icp-locations";
import { postJson } from "../support/api-client";
import { createUser } from "../support/auth";

const ROLES = [
  "CTOs",
  "heads of marketing",
  "founders",
  "VP Sales",
  "Geschäftsführer",
  "directores de marketing",
  "owners",
  "",
];
const TAILS = [
  "",
  ", 50–500 staff",
  " with $5M-$50M revenue",
  " who need paid ads",
  " reachable on WhatsApp",
  " not agencies",
  "!!",
  " 🚀",
  " ¿?",
  "\t\n",
];
const PHRASES = 1000;
const CONCURRENCY = 8;

/** Every gazetteer name appears in some phrase (three places a phrase), in seeded random company. */
function phrases(): string[] {
  const names = fc.sample(fc.shuffledSubarray(gazetteerNames(), { minLength: gazetteerNames().length }), {
    seed: 1201,
    numRuns: 1,
  })[0]!;
  const frame = fc.tuple(
    fc.constantFrom(...ROLES),
    fc.constantFrom(...TAILS),
    fc.constantFrom("in", "near", "around", "from", ""),
  );
  const groups = Math.max(PHRASES, Math.ceil(names.length / 3));
  return fc.sample(frame, { seed: 1202, numRuns: groups }).map(([role, tail, prep], i) => {
    const places = [0, 1, 2].map((k) => names[(i * 3 + k) % names.length]!);
    return `${role} ${prep} ${places[0]}, ${places[1]} and ${places[2]}${tail}`.trim();
  });
}

describe("lead requests for generated descriptions", () => {
  it(`answers ${PHRASES} phrases without a single 5xx`, async () => {
    const users = await Promise.all([1, 2, 3, 4].map((i) => createUser(`fuzz${i}`)));
    const queue = phrases();
    expect(queue.length).toBeGreaterThanOrEqual(PHRASES);
    for (const name of gazetteerNames())
      expect(
        queue.some((p) => p.includes(name)),
        name,
      ).toBe(true);
    const serverErrors: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, worker) => {
        while (next < queue.length) {
          const description = queue[next++]!;
          // The own-list source only: the parse is under test, not the sample data set.
          const res = await postJson(
            "/api/lead-requests",
            { description, sources: ["lists"] },
            users[worker % users.length]!.headers,
          );
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 500) serverErrors.push(`${res.status} ${JSON.stringify(description)}`);
          else if (res.status >= 400) expect(res.body.error.code, description).toEqual(expect.any(String));
        }
      }),
    );
    expect(serverErrors).toEqual([]);
    expect(statuses.get(201) ?? 0).toBeGreaterThan(PHRASES * 0.9);
  }, 240_000);
});
