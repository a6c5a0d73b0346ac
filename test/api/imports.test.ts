import { describe, expect, it } from "vitest";
import fortune from "../fixtures/csv/fortune-sample.csv?raw";
import salesNavigator from "../fixtures/csv/sales-navigator.csv?raw";
import tabs from "../fixtures/csv/tabs.csv?raw";
import { SELF } from "cloudflare:test";
import { BASE, call } from "../support/api-client";
import { createUser } from "../support/auth";
import type { TestUser } from "../support/auth";
import { createLead, importFinished } from "../support/factories";

function upload(user: TestUser, body: BodyInit, query = "", type = "text/csv") {
  return call(`/api/imports${query}`, { method: "POST", headers: { ...user.headers, "content-type": type }, body });
}

async function leadCount(user: TestUser) {
  return (await call("/api/leads?limit=200", { headers: user.headers })).body.leads.length as number;
}

describe("POST /api/imports", () => {
  it("imports a Sales Navigator export: quoted fields, embedded newlines, BOM, duplicates merged, bad rows reported by number", async () => {
    const user = await createUser("import-sn");
    const res = await upload(user, salesNavigator, "?listName=Berlin%20event");
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.import).toMatchObject({
      status: "queued",
      listName: "Berlin event",
      source: "salesnav",
      delimiter: ",",
    });
    const done = await importFinished(user, res.body.import.id);
    expect(done).toMatchObject({ status: "completed", totalRows: 6, imported: 3, merged: 1, failed: 2, progress: 1 });
    expect(done.errors).toEqual([
      { row: 4, message: expect.stringMatching(/8 fields; the header has 7/) },
      { row: 5, column: "Email", message: expect.stringMatching(/not an e-mail/) },
    ]);
    const listed = await call(`/api/leads?listId=${done.listId}`, { headers: user.headers });
    const byName = Object.fromEntries(listed.body.leads.map((l: { fullName: string }) => [l.fullName, l]));
    expect(Object.keys(byName).sort()).toEqual(["Anna Becker", "Bruno Silva", "Chloe Martin"]);
    expect(byName["Anna Becker"]).toMatchObject({
      jobTitle: "Head of Marketing",
      seniority: "head",
      companyName: "Nordwind Software GmbH",
      linkedinUrl: "linkedin.com/sales/lead/anna-becker-1",
      email: "anna@nordwind.example",
      location: { city: "Berlin", country: "DE" },
      timezone: "Europe/Berlin",
      sources: ["salesnav"],
    });
    expect(byName["Bruno Silva"]).toMatchObject({
      jobTitle: "VP Sales, EMEA",
      companyName: 'Lumen "Cloud" Ltda',
      location: { city: "São Paulo", country: "BR" },
    });
    expect(byName["Chloe Martin"].jobTitle).toBe("Founder\nand CEO");
    const report = await SELF.fetch(`${BASE}/api/imports/${done.id}/errors.csv`, { headers: user.headers });
    expect(report.headers.get("content-type")).toMatch(/text\/csv/);
    const reportText = await report.text();
    expect(reportText).toContain("Row,Column,Reason,Original row");
    expect(reportText).toMatch(/\r\n4,,"The row has 8 fields/);
    expect(reportText).toMatch(/\r\n5,Email,/);
  });

  it("reads the Fortune-500 quirks: formatted numbers, CEO column, state without country, malformed rows; twice changes nothing", async () => {
    const user = await createUser("import-f500");
    const first = await importFinished(user, (await upload(user, fortune)).body.import.id);
    expect(first).toMatchObject({ totalRows: 6, imported: 4, merged: 0, failed: 2 });
    expect(first.errors.map((e: { row: number }) => e.row)).toEqual([3, 5]);
    const walmart = (await call("/api/leads?q=McMillon", { headers: user.headers })).body.leads[0];
    expect(walmart).toMatchObject({
      fullName: "Douglas McMillon",
      jobTitle: "CEO",
      seniority: "c_suite",
      companyName: "Walmart",
      companyDomain: "walmart.com",
      companySize: 2_100_000,
      annualRevenue: 681_000_000_000,
      location: { city: "Bentonville", region: "Arkansas", country: "US" },
      timezone: "America/Chicago",
    });
    const count = await leadCount(user);
    const second = await importFinished(user, (await upload(user, fortune)).body.import.id);
    expect(second).toMatchObject({ imported: 0, merged: 4, failed: 2 });
    expect(await leadCount(user)).toBe(count);
  });

  it("detects ; and tab delimiters and Windows-1252 (Latin-1) text", async () => {
    const user = await createUser("import-latin1");
    const latin1 =
      "Vorname;Nachname;Position;Firma;Stadt;Land;Telefon\nJ\xfcrgen;M\xfcller;Gesch\xe4ftsf\xfchrer;B\xe4ckerei M\xfcller;M\xfcnchen;Deutschland;089 1234567\n";
    const bytes = Uint8Array.from(latin1, (ch) => ch.charCodeAt(0));
    const res = await upload(
      user,
      bytes,
      "?mapping=" +
        encodeURIComponent(
          JSON.stringify({
            Vorname: "firstName",
            Nachname: "lastName",
            Position: "jobTitle",
            Firma: "companyName",
            Stadt: "city",
            Land: "country",
            Telefon: "phone",
          }),
        ),
    );
    expect(res.body.import).toMatchObject({ encoding: "windows-1252", delimiter: ";" });
    expect(await importFinished(user, res.body.import.id)).toMatchObject({ imported: 1, failed: 0 });
    const lead = (await call("/api/leads?q=J%C3%BCrgen", { headers: user.headers })).body.leads[0];
    expect(lead).toMatchObject({
      fullName: "Jürgen Müller",
      companyName: "Bäckerei Müller",
      phone: "+49891234567",
      location: { city: "München", country: "DE" },
    });
    const tabbed = await upload(user, tabs);
    expect(tabbed.body.import.delimiter).toBe("\t");
    expect(await importFinished(user, tabbed.body.import.id)).toMatchObject({ imported: 2, failed: 0 });
  });

  it("accepts a multipart form upload with the file, mapping and list name as fields", async () => {
    const user = await createUser("import-multipart");
    const form = new FormData();
    form.set("file", new File([tabs], "team.tsv", { type: "text/tab-separated-values" }));
    form.set("listName", "Team");
    form.set(
      "mapping",
      JSON.stringify({ name: "fullName", email: "email", company: "companyName", country: "country" }),
    );
    const res = await call("/api/imports", { method: "POST", headers: user.headers, body: form });
    expect(res.status).toBe(202);
    expect(res.body.import).toMatchObject({ listName: "Team", fileName: "team.tsv" });
    expect(await importFinished(user, res.body.import.id)).toMatchObject({ imported: 2, failed: 0 });
  });

  it.each([
    ["an empty file", "", "text/csv", 422],
    ["a file with no recognisable header", "1,2,3\n4,5,6\n", "text/csv", 422],
    [
      "a binary file",
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
      "text/csv",
      415,
    ],
    ["a JSON body", '{"name":"x"}', "application/json", 415],
    ["a file over the size limit", `name,email\n${"Big Row,big@row.example\n".repeat(250_000)}`, "text/csv", 413],
  ])("refuses %s with a clear 4xx and stores nothing", async (_label, body, type, status) => {
    const user = await createUser("import-bad");
    await createLead(user, { fullName: "Already Here" });
    const res = await upload(user, body as BodyInit, "", type as string);
    expect(res.status).toBe(status);
    expect(res.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    expect(await leadCount(user)).toBe(1);
  });
});

describe("POST /api/imports/preview", () => {
  it("shows delimiter, headers, proposed mapping and normalised rows, storing nothing", async () => {
    const user = await createUser("import-preview");
    const res = await call("/api/imports/preview", {
      method: "POST",
      headers: { ...user.headers, "content-type": "text/csv" },
      body: fortune,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ delimiter: ",", encoding: "utf-8", hasName: true });
    expect(res.body.mapping).toMatchObject({
      CEO: "fullName",
      Company: "companyName",
      Website: "website",
      Employees: "companySize",
      "Revenue (rounded)": "annualRevenue",
      State: "region",
      Rank: "ignore",
      "Zip Code": "ignore",
    });
    expect(res.body.rows[0]).toMatchObject({ row: 1, lead: { fullName: "Douglas McMillon", companySize: 2_100_000 } });
    expect(res.body.rows[2]).toMatchObject({ row: 3, error: expect.stringMatching(/11 fields/) });
    expect(await leadCount(user)).toBe(0);
  });
});

describe("GET /api/leads/export.csv", () => {
  it("streams the leads with formula cells escaped, is audited, and re-importing it creates nothing new", async () => {
    const user = await createUser("export");
    await createLead(user, {
      fullName: '=HYPERLINK("http://evil")',
      companyName: "+Evil Co",
      email: "evil@evil.example",
    });
    await createLead(user, {
      fullName: "Plain Person",
      phone: "+4915123456789",
      companyDomain: "plain.example",
      location: { city: "Berlin", country: "DE" },
    });
    const res = await SELF.fetch(`${BASE}/api/leads/export.csv`, { headers: user.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="leads-/);
    const text = await res.text();
    expect(text).toContain('"\'=HYPERLINK(""http://evil"")"');
    expect(text).toContain('"\'+Evil Co"');
    expect(text).toContain('"\'+4915123456789"');
    const audit = await call("/api/audit-log", { headers: user.headers });
    expect(audit.body.entries.map((e: { event: string }) => e.event)).toContain("export");
    const before = await leadCount(user);
    const again = await importFinished(user, (await upload(user, text)).body.import.id);
    expect(again).toMatchObject({ imported: 0, merged: 2, failed: 0 });
    expect(await leadCount(user)).toBe(before);
  });
});
