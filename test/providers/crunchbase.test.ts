import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { postJson } from "../support/api-client";
import { createUser } from "../support/auth";

describe("Crunchbase source (local fake of API v4)", () => {
  it("searches organizations by place, size band and category, then looks up founders of the best few only", async () => {
    const user = await createUser("crunchbase");
    const logUrl = env.CRUNCHBASE_BASE_URL.replace(/\/api\/v4$/, "/__log");
    const before = ((await (await fetch(logUrl)).json()) as { path: string }[]).length;
    const res = await postJson(
      "/api/lead-requests",
      {
        description: "Founders of software companies in the United States with 11-500 employees",
        sources: ["crunchbase"],
        limit: 20,
      },
      user.headers,
    );
    expect(res.status).toBe(201);
    expect(res.body.request.sources).toEqual([expect.objectContaining({ name: "crunchbase", status: "ok" })]);
    const leads = res.body.leads as {
      fullName: string;
      jobTitle: string;
      industry: string;
      companySize: number;
      location: { country: string };
      sources: string[];
    }[];
    expect(leads.length).toBeGreaterThan(0);
    for (const lead of leads) {
      expect(lead).toMatchObject({
        jobTitle: "Founder",
        industry: "software",
        location: { country: "US" },
        sources: ["crunchbase"],
      });
      expect(lead.companySize).toBeGreaterThanOrEqual(11);
      expect(lead.companySize).toBeLessThanOrEqual(500);
      expect(lead.fullName).toMatch(/^\S+ \S+/);
    }
    const calls = ((await (await fetch(logUrl)).json()) as { path: string }[]).slice(before);
    expect(calls.filter((c) => c.path.endsWith("/searches/organizations"))).toHaveLength(1);
    expect(calls.filter((c) => c.path.includes("/entities/organizations/")).length).toBeLessThanOrEqual(12);
  });
});
