import { useState } from "react";
import { Form, data, redirect, useNavigation, useRevalidator, useSearchParams } from "react-router";
import { z } from "zod";
import { AppError } from "../../workers/lib/app-error";
import * as pipelines from "../../workers/services/pipelines.service";
import { Board } from "../components/crm/board";
import type { BoardCard, Stage } from "../components/crm/board-state";
import { usePipelineEvents } from "../components/crm/use-pipeline-events";
import { EmptyState, PageHeader } from "../components/page-header";
import { withActor } from "../lib/actor.server";
import type { Route } from "./+types/dashboard-crm";

export const meta: Route.MetaFunction = () => [
  { title: "CRM — Rarity Leads" },
  { name: "description", content: "Move your leads from To Contact to Closed." },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const requested = new URL(request.url).searchParams.get("pipeline");
  const { result, headers, actor } = await withActor(request, context, async (db, actor) => {
    const list = await pipelines.listPipelines(db, actor);
    // A link to a pipeline that is gone (deleted meanwhile) says so instead of quietly showing another board.
    const selected = requested ? list.find((p) => p.id === requested) : list[0];
    const board = selected ? await pipelines.getBoard(db, actor, selected.id) : null;
    return { pipelines: list, board, missing: Boolean(requested && !selected) };
  });
  return data({ ...result, workspaceId: actor.workspaceId }, { headers });
}

const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), name: z.string().trim().min(1, "Give the pipeline a name.").max(120) }),
  z.object({
    intent: z.literal("rename"),
    id: z.uuid(),
    name: z.string().trim().min(1, "Give the pipeline a name.").max(120),
  }),
  z.object({ intent: z.literal("delete"), id: z.uuid(), force: z.literal("true").optional() }),
]);

export async function action({ request, context }: Route.ActionArgs) {
  const parsed = Intent.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: parsed.error.issues[0]!.message }, { status: 422 });
  const input = parsed.data;
  try {
    const { result, headers } = await withActor(request, context, async (db, actor) => {
      if (input.intent === "create") return (await pipelines.createPipeline(db, actor, input.name)).pipeline.id;
      if (input.intent === "rename") return (await pipelines.renamePipeline(db, actor, input.id, input.name)).id;
      await pipelines.deletePipeline(db, actor, input.id, input.force === "true");
      return null;
    });
    throw redirect(result ? `/dashboard/crm?pipeline=${result}` : "/dashboard/crm", { headers });
  } catch (err) {
    if (err instanceof AppError && err.status < 500) return data({ error: err.message }, { status: err.status });
    throw err;
  }
}

export default function CrmPage({ loaderData, actionData }: Route.ComponentProps) {
  const { pipelines: list, board, workspaceId, missing } = loaderData;
  const [params, setParams] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const current = board?.pipeline;
  const revalidator = useRevalidator();
  const [deleted, setDeleted] = useState<{ id: string; name: string } | null>(null);
  // Pipelines created, renamed or deleted by anyone (API or this page, here or elsewhere) refresh the picker
  // and the board's name; the board being looked at disappearing is said out loud.
  usePipelineEvents(workspaceId, (event) => {
    if (event?.type === "pipeline.deleted" && event.pipelineId === current?.id) {
      // Pin the URL to the deleted pipeline (it may have been the default), so the page says it is gone.
      setDeleted({ id: current.id, name: current.name });
      if (params.get("pipeline") !== current.id)
        return setParams({ ...Object.fromEntries(params), pipeline: current.id }, { replace: true });
    }
    void revalidator.revalidate();
  });
  // The page that deleted it was redirected away; only pages still pointing at it say it is gone.
  const deletedNotice = missing ? (deleted?.id === params.get("pipeline") ? deleted : { id: "", name: "" }) : null;
  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <PageHeader title="CRM pipeline" subtitle="To Contact → Contacted → In Conversation → Closed." />
        <a
          href="/api/leads/export.csv"
          download
          className="rounded-lg border border-ink-700 px-4 py-2 text-sm hover:bg-ink-800"
        >
          Export leads (CSV)
        </a>
      </div>
      <div className="mt-6 flex flex-wrap items-end gap-3">
        {list.length > 0 && (
          <label className="text-sm text-ink-300">
            Pipeline
            <select
              value={current?.id ?? ""}
              onChange={(e) => setParams({ ...Object.fromEntries(params), pipeline: e.target.value })}
              className="mt-1 block rounded-lg border border-ink-700 bg-ink-900 px-3 py-2 text-ink-100"
            >
              {!current && (
                <option value="" disabled>
                  Choose a pipeline
                </option>
              )}
              {list.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.cardCount})
                </option>
              ))}
            </select>
          </label>
        )}
        <Form method="post" className="flex items-end gap-2">
          <input type="hidden" name="intent" value="create" />
          <label className="text-sm text-ink-300">
            New pipeline
            <input
              name="name"
              required
              maxLength={120}
              placeholder="e.g. Q1 outbound"
              className="mt-1 block rounded-lg border border-ink-700 bg-ink-900 px-3 py-2 text-ink-100 placeholder:text-ink-500"
            />
          </label>
          <button
            type="submit"
            disabled={busy}
            className="rounded-lg bg-accent-500 px-4 py-2 text-sm font-medium text-white hover:bg-accent-400 disabled:opacity-60"
          >
            Create
          </button>
        </Form>
        {current && (
          <Form method="post" key={`rename-${current.id}-${current.name}`} className="flex items-end gap-2">
            <input type="hidden" name="intent" value="rename" />
            <input type="hidden" name="id" value={current.id} />
            <label className="text-sm text-ink-300">
              Rename
              <input
                name="name"
                required
                maxLength={120}
                defaultValue={current.name}
                className="mt-1 block w-40 rounded-lg border border-ink-700 bg-ink-900 px-3 py-2 text-ink-100"
              />
            </label>
            <button
              type="submit"
              disabled={busy}
              className="rounded-lg border border-ink-700 px-3 py-2 text-sm text-ink-300 hover:bg-ink-800"
            >
              Save name
            </button>
          </Form>
        )}
        {current && (
          <Form
            method="post"
            onSubmit={(e) => {
              if (current.cardCount && !confirm(`Delete “${current.name}” and its ${current.cardCount} card(s)?`))
                e.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="id" value={current.id} />
            <input type="hidden" name="force" value="true" />
            <button
              type="submit"
              className="rounded-lg border border-ink-700 px-3 py-2 text-sm text-ink-300 hover:bg-ink-800"
            >
              Delete pipeline
            </button>
          </Form>
        )}
      </div>
      {actionData?.error && (
        <p role="alert" className="mt-3 text-sm text-red-300">
          {actionData.error}
        </p>
      )}
      {deletedNotice ? (
        <div role="alert" className="mt-6 rounded-2xl border border-amber-900 bg-amber-950/60 p-6 text-amber-100">
          <p className="font-medium">
            {deletedNotice.name
              ? `The pipeline “${deletedNotice.name}” was deleted.`
              : "This pipeline no longer exists; it was deleted."}
          </p>
          <p className="mt-1 text-sm text-amber-200">
            {list.length > 0 ? "Pick another pipeline above." : "Create a pipeline to start a new board."}
          </p>
        </div>
      ) : board ? (
        <Board
          key={board.pipeline.id}
          workspaceId={workspaceId}
          pipelineId={board.pipeline.id}
          stages={board.stages as { stage: Stage; cards: BoardCard[] }[]}
        />
      ) : (
        <EmptyState
          title="No pipeline yet"
          body="Create a pipeline, then save leads to it from the leads page or the API."
        />
      )}
    </>
  );
}
