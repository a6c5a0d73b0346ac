import { EmptyState, PageHeader } from "../components/page-header";
import type { Route } from "./+types/dashboard-crm";

export const meta: Route.MetaFunction = () => [
  { title: "CRM — Rarity Leads" },
  { name: "description", content: "Move your leads from To Contact to Closed." },
];

export default function CrmPage() {
  return (
    <>
      <PageHeader title="CRM pipeline" subtitle="To Contact → Contacted → In Conversation → Closed." />
      <EmptyState
        title="No pipeline yet"
        body="Saved leads will appear here on a board you can share with your team."
      />
    </>
  );
}
