import { ImportWizard } from "../components/imports/import-wizard";
import { PageHeader } from "../components/page-header";
import type { Route } from "./+types/dashboard-imports";

export const meta: Route.MetaFunction = () => [
  { title: "Import leads — Rarity Leads" },
  {
    name: "description",
    content: "Bring in Sales Navigator, Apollo, HubSpot or spreadsheet lists without duplicates.",
  },
];

export default function ImportsPage() {
  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <PageHeader
          title="Import leads"
          subtitle="Upload a CSV, check the mapping, and we merge it into your leads without duplicates."
        />
        <a
          href="/api/leads/export.csv"
          download
          className="rounded-lg border border-ink-700 px-4 py-2 text-sm hover:bg-ink-800"
        >
          Export all leads (CSV)
        </a>
      </div>
      <ImportWizard />
    </>
  );
}
