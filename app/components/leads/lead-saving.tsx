// Saving generated leads into pipelines: one card at a time or "Save all", with progress and a summary.
import { useCallback, useRef, useState } from "react";
import type { PipelineOption } from "./lead-card";
import type { StreamLead } from "./lead-stream";

type SaveOutcome = { kind: "saved" | "already"; pipelineName: string } | { kind: "failed"; message: string };

export interface BulkProgress {
  total: number;
  done: number;
  saved: number;
  already: number;
  failed: number;
  running: boolean;
  pipelineName: string;
}

/** "Save all": a progress bar while it runs, then what happened to every lead. */
export function BulkSaveStatus({ progress: p }: { progress: BulkProgress }) {
  const parts = [
    `${p.saved} saved to ${p.pipelineName}`,
    p.already > 0 && `${p.already} already there`,
    p.failed > 0 && `${p.failed} failed (use Save on those cards to retry)`,
  ];
  return (
    <div role="status" className="mt-3 text-sm text-ink-300">
      {p.running ? (
        <>
          <p>
            Saving {p.done} of {p.total}…
          </p>
          <progress
            value={p.done}
            max={p.total}
            className="mt-1 h-1.5 w-full max-w-xs accent-accent-500"
            aria-label="Saving leads"
          />
        </>
      ) : (
        <p className={p.failed > 0 ? "text-amber-200" : "text-emerald-300"}>{parts.filter(Boolean).join(" · ")}.</p>
      )}
    </div>
  );
}

/** Pipelines offered on the cards, which leads are saved where, and the save actions (stable for memoised cards). */
export function useLeadSaving(initialPipelines: PipelineOption[], ranked: StreamLead[]) {
  const [pipelines, setPipelines] = useState(initialPipelines);
  const [saved, setSaved] = useState<Record<string, { pipelineId: string; name: string }>>({});
  // Read through a ref: "Save all" runs many saves in one closure and must see a pipeline the first one made.
  const pipelinesRef = useRef(pipelines);
  pipelinesRef.current = pipelines;
  const addPipeline = (pipeline: PipelineOption) => {
    pipelinesRef.current = [...pipelinesRef.current.filter((p) => p.id !== pipeline.id), pipeline];
    setPipelines(pipelinesRef.current);
  };

  const saveLead = async (leadId: string, pipelineId: string | null, newName?: string): Promise<SaveOutcome> => {
    let target = pipelinesRef.current.find((p) => p.id === pipelineId);
    if (!target) {
      // Get-or-create by name on the server: concurrent saves to "Outbound" share one pipeline.
      const res = await fetch("/api/pipelines", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: newName?.trim() || "Outbound" }),
      }).catch(() => undefined);
      if (!res?.ok) return { kind: "failed", message: "Could not create the pipeline." };
      target = ((await res.json()) as { pipeline: PipelineOption }).pipeline;
      addPipeline(target);
    }
    const res = await fetch(`/api/pipelines/${target.id}/cards`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ leadId }),
    }).catch(() => undefined);
    if (!res) return { kind: "failed", message: "The connection dropped; try again." };
    if (!res.ok && res.status !== 409) {
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      return { kind: "failed", message: body?.error?.message ?? "Could not save the lead." };
    }
    setSaved((s) => ({ ...s, [leadId]: { pipelineId: target!.id, name: target!.name } }));
    return { kind: res.status === 409 ? "already" : "saved", pipelineName: target.name };
  };
  const save = async (leadId: string, pipelineId: string | null, newName?: string) => {
    const outcome = await saveLead(leadId, pipelineId, newName);
    return outcome.kind === "failed" ? outcome.message : null;
  };

  // A stable callback keeps memoised cards from re-rendering on every streamed batch.
  const saveRef = useRef(save);
  saveRef.current = save;
  const onSave = useCallback(
    (leadId: string, pipelineId: string | null, newName?: string) => saveRef.current(leadId, pipelineId, newName),
    [],
  );
  const [bulk, setBulk] = useState<BulkProgress | null>(null);
  const saveAll = async () => {
    const todo = ranked.filter((lead) => !saved[lead.id]);
    const progress: BulkProgress = {
      total: todo.length,
      done: 0,
      saved: 0,
      already: 0,
      failed: 0,
      running: true,
      pipelineName: pipelinesRef.current[0]?.name ?? "Outbound",
    };
    setBulk({ ...progress });
    for (const lead of todo) {
      const outcome = await saveLead(lead.id, pipelinesRef.current[0]?.id ?? null, "Outbound");
      progress.done++;
      progress[outcome.kind]++;
      if (outcome.kind !== "failed") progress.pipelineName = outcome.pipelineName;
      setBulk({ ...progress });
    }
    setBulk({ ...progress, running: false });
  };
  return { pipelines, saved, onSave, saveAll, bulk };
}
