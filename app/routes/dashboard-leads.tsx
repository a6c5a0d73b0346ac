import { data } from "react-router";
import { listLeadRequests } from "../../workers/lead-engine/lead-requests.service";
import * as pipelines from "../../workers/services/pipelines.service";
import { LeadsWorkbench } from "../components/leads/leads-workbench";
import { PageHeader } from "../components/page-header";
import { withActor } from "../lib/actor.server";
import type { Route } from "./+types/dashboard-leads";

export const meta: Route.MetaFunction = () => [
  { title: "Leads — Rarity Leads" },
  {
    name: "description",
    content:
      "Describe your ideal client and get 20–30 ranked, explained leads with the best time and channel to reach each.",
  },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { result, headers } = await withActor(request, context, async (db, actor) => ({
    pipelines: (await pipelines.listPipelines(db, actor)).map((p) => ({ id: p.id, name: p.name })),
    history: (await listLeadRequests(db, actor, 8)).requests.map((r) => ({
      id: r.id,
      description: r.description,
      createdAt: r.createdAt,
    })),
  }));
  return data(result, { headers });
}

export default function LeadsPage({ loaderData }: Route.ComponentProps) {
  const { pipelines: list, history } = loaderData;
  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <PageHeader title="Leads" subtitle="Describe your ideal client and get ranked, explained leads." />
        <a
          href="/api/leads/export.csv"
          download
          className="rounded-lg border border-ink-700 px-4 py-2 text-sm hover:bg-ink-800"
        >
          Export leads (CSV)
        </a>
      </div>
      <LeadsWorkbench pipelines={list} history={history} />
    </>
  );
}
