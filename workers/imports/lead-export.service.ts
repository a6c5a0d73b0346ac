// CSV export of the workspace's leads, streamed page by page (keyset), with headers our importer maps back
// and cells that spreadsheets would run as formulas escaped with a leading apostrophe.
import Papa from "papaparse";
import type { Db } from "../db/client";
import { asService, asUser } from "../db/tenant";
import { listLeadPage } from "../repos/lead-list.repo";
import type { LeadFilters, LeadKey } from "../repos/lead-list.repo";
import type * as repo from "../repos/leads.repo";
import type { Actor } from "../services/actor";
import { recordAudit, auditedBy } from "../services/audit.service";

const PAGE = 500;
const COLUMNS = [
  "Full Name",
  "Job Title",
  "Company",
  "Website",
  "Industry",
  "Employees",
  "Annual Revenue",
  "Email",
  "Phone",
  "LinkedIn URL",
  "WhatsApp",
  "Instagram",
  "X",
  "Facebook",
  "City",
  "State",
  "Country",
  "Time Zone",
  "Tags",
  "Score",
  "Sources",
  "Notes",
];

/** `=HYPERLINK(…)`, `+1…`, `-2…`, `@SUM…` and tab/CR-led cells would run in Excel or Sheets. */
export function escapeCell(value: unknown): string {
  const text = value === null || value === undefined ? "" : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function line(lead: repo.LeadRecord): string[] {
  const handle = (channel: string) =>
    (lead.contactChannels as { channel: string; handle: string }[]).find((h) => h.channel === channel)?.handle ?? "";
  return [
    lead.fullName,
    lead.jobTitle,
    lead.companyName,
    lead.companyDomain,
    lead.industry,
    lead.companySize,
    lead.annualRevenue,
    lead.email,
    lead.phone,
    lead.linkedinUrl ? `https://www.${lead.linkedinUrl}` : "",
    handle("whatsapp"),
    handle("instagram"),
    handle("x"),
    handle("facebook"),
    lead.city,
    lead.region,
    lead.country,
    lead.timezone,
    lead.tags.join("; "),
    lead.score,
    lead.sources.join("; "),
    lead.notes,
  ].map(escapeCell);
}

/**
 * Writes the CSV into a stream page by page; the caller returns `readable` at once and keeps `done` alive
 * (waitUntil), so memory holds one page whatever the number of leads.
 */
export function exportLeadsCsv(
  db: Db,
  actor: Actor,
  filters: LeadFilters,
): { readable: ReadableStream<Uint8Array>; done: Promise<void> } {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const writer = writable.getWriter();
  const encoder = new TextEncoder();
  const done = (async () => {
    try {
      await asService(db, (tx) =>
        recordAudit(tx, {
          event: "export",
          ...auditedBy(actor),
          details: { format: "csv", filters },
        }),
      );
      // BOM: Excel opens UTF-8 CSV correctly only with it.
      await writer.write(encoder.encode(`\uFEFF${Papa.unparse([COLUMNS])}\r\n`));
      let after: LeadKey | undefined;
      for (;;) {
        const rows = await asUser(db, actor.claims, (tx) => listLeadPage(tx, actor.workspaceId, filters, PAGE, after));
        if (rows.length) await writer.write(encoder.encode(`${Papa.unparse(rows.map(line), { quotes: true })}\r\n`));
        if (rows.length < PAGE) break;
        const last = rows[rows.length - 1]!;
        after = { value: last.sortKey, id: last.id };
      }
      await writer.close();
    } catch (err) {
      await writer.abort(err).catch(() => {});
    }
  })();
  return { readable, done };
}
