import { EmptyState, PageHeader } from "../components/page-header";
import type { Route } from "./+types/dashboard-leads";

export const meta: Route.MetaFunction = () => [
  { title: "Leads — Rarity Leads" },
  { name: "description", content: "Describe your ideal client and generate ranked leads." },
];

export default function LeadsPage() {
  return (
    <>
      <PageHeader title="Leads" subtitle="Describe your ideal client and get ranked, explained leads." />
      <EmptyState
        title="Lead generation is not switched on yet"
        body="This workspace cannot generate leads yet. Once the lead engine is available, your results and past requests will appear here."
      />
    </>
  );
}
