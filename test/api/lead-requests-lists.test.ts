// Issue 14 through the real path: a list imported with its own industry labels is vocabulary for lead
// requests (the everyday words find the list's label, and that lead ranks before looser matches), and a
// description nothing of which was understood says so in the stream and presents no lead as a match.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { BASE, call, postJson } from "../support/api-client";
import { createUser } from "../support/auth";
import type { TestUser } from "../support/auth";
import { parseEventStream } from "../support/event-stream";
import { importFinished } from "../support/factories";

const LIST = `Company,Industry,City,State,Employees,Revenue (rounded),CEO
J.B. Hunt Transport Services,"Trucking, Truck Leasing",Lowell,Arkansas,"33,646","$12,100,000,000",Shelley Simpson
C.H. Robinson Worldwide,Transportation and Logistics,Eden Prairie,Minnesota,"13,781","$17,700,000,000",Dave Bozeman
Ryder System,Transportation and Logistics,Coral Gables,Florida,"50,700","$12,600,000,000",Robert Sanchez
Delta Air Lines,Airlines,Atlanta,Georgia,"103,000","$61,600,000,000",Edward Bastian
Marriott International,"Hotels, Casinos, Resorts",Bethesda,Maryland,"418,000","$25,100,000,000",Anthony Capuano
`;

async function importList(user: TestUser) {
  const res = await call("/api/imports?listName=Carriers", {
    method: "POST",
    headers: { ...user.headers, "content-type": "text/csv" },
    body: LIST,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const done = await importFinished(user, res.body.import.id);
  expect(done).toMatchObject({ status: "completed", imported: 5 });
}

describe("lead requests over the workspace's own list", () => {
  it("reads the list's labels as vocabulary: the exact label first, looser matches labelled partial", async () => {
    const user = await createUser("lists-vocab");
    await importList(user);
    const res = await postJson(
      "/api/lead-requests",
      { description: "trucking companies", sources: ["lists"], limit: 20 },
      user.headers,
    );
    expect(res.status).toBe(201);
    expect(res.body.request.icp.listIndustries).toEqual(["Trucking, Truck Leasing"]);
    const [first, ...rest] = res.body.leads as { companyName: string; score: number; scoreReasons: string[] }[];
    expect(first!.companyName).toBe("J.B. Hunt Transport Services");
    expect(first!.scoreReasons[0]).toMatch(/Trucking, Truck Leasing/);
    const logistics = rest.filter((l) => /Robinson|Ryder/.test(l.companyName));
    expect(logistics).toHaveLength(2);
    for (const l of logistics) {
      expect(l.score).toBeLessThan(first!.score);
      expect(l.scoreReasons.join(" | ")).toMatch(/Partial match/);
    }
  });

  it("reads the list's own towns as places, even ones the gazetteer does not know", async () => {
    const user = await createUser("lists-towns");
    await importList(user);
    const res = await postJson(
      "/api/lead-requests",
      { description: "logistics companies in Coral Gables", sources: ["lists"], limit: 20 },
      user.headers,
    );
    expect(res.status).toBe(201);
    expect(res.body.request.icp.locations).toMatchObject([{ kind: "city", name: "Coral Gables", countries: ["US"] }]);
    const [first, ...rest] = res.body.leads as { companyName: string; score: number }[];
    expect(first!.companyName).toBe("Ryder System");
    for (const l of rest) expect(l.score).toBeLessThan(first!.score);
  });

  it("reads the list's own job titles as roles, even ones the parser does not know", async () => {
    const user = await createUser("lists-titles");
    const staff = `Name,Title,Company,City,State
Ada Moss,Principal,Lincoln Elementary,Columbus,Ohio
Ben Ruiz,Vice Principal,Lincoln Elementary,Columbus,Ohio
Cy Tran,Controller,Mercy Hospital,Columbus,Ohio
Di Park,Teacher,Lincoln Elementary,Columbus,Ohio
`;
    const res = await call("/api/imports?listName=Staff", {
      method: "POST",
      headers: { ...user.headers, "content-type": "text/csv" },
      body: staff,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(await importFinished(user, res.body.import.id)).toMatchObject({ status: "completed", imported: 4 });
    const found = await postJson(
      "/api/lead-requests",
      { description: "school principals in Ohio", sources: ["lists"], limit: 20 },
      user.headers,
    );
    expect(found.status).toBe(201);
    expect(found.body.request.icp.listTitles).toEqual(["Principal"]);
    const [first, ...rest] = found.body.leads as { fullName: string; score: number }[];
    expect(first!.fullName).toBe("Ada Moss");
    for (const l of rest.filter((r) => r.fullName !== "Ben Ruiz")) expect(l.score).toBeLessThan(first!.score);
  });

  it("ranks the list's own state over a same-named country, and its label over a related one", async () => {
    const user = await createUser("lists-state");
    await importList(user);
    const res = await postJson(
      "/api/lead-requests",
      { description: "airlines in Georgia", sources: ["lists"], limit: 20 },
      user.headers,
    );
    expect(res.status).toBe(201);
    expect(res.body.leads.map((l: { companyName: string }) => l.companyName)).toEqual(["Delta Air Lines"]);
  });

  it("says in the stream when nothing was understood, and presents no lead as a match", async () => {
    const user = await createUser("lists-nonsense");
    await importList(user);
    const res = await SELF.fetch(`${BASE}/api/lead-requests`, {
      method: "POST",
      headers: { ...user.headers, "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ description: "blorp wizzle frobnicate", sources: ["lists"] }),
    });
    expect(res.status).toBe(201);
    const events = parseEventStream(await res.text());
    const icp = events[0]!;
    expect(icp.event).toBe("icp");
    expect(icp.data).toMatchObject({ understood: false, ignored: ["blorp", "wizzle", "frobnicate"] });
    const leads = events.filter((e) => e.event === "lead").map((e) => (e.data as any).lead);
    expect(leads.length).toBeGreaterThan(0);
    for (const lead of leads) {
      expect(lead.score).toBeLessThanOrEqual(20);
      expect(lead.scoreReasons[0]).toMatch(/could not read/);
    }
  });
});
