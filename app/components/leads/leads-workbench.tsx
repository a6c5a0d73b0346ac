import { useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { LeadCard } from "./lead-card";
import type { PipelineOption } from "./lead-card";
import { EMPTY_FILTERS, LeadForm, filtersToBody } from "./lead-form";
import type { Filters } from "./lead-form";
import { describeIcp, generate } from "./lead-stream";
import type { Icp, SourceEvent, StreamLead } from "./lead-stream";
import { BulkSaveStatus, useLeadSaving } from "./lead-saving";
import { ProfileChips } from "./profile-chips";
import { useLeadResults } from "./use-lead-results";
import type { GenerateState } from "./cta-label";

/** A finished (or re-opened) request reports every source as done, keyed by name. */
const finishedSources = (list: SourceEvent[]): Record<string, SourceEvent> =>
  Object.fromEntries(list.map((r) => [r.name, { ...r, phase: "finish" as const }]));

export interface PastRequest {
  id: string;
  description: string;
  createdAt: string;
}

export function LeadsWorkbench({
  pipelines: initialPipelines,
  history: initialHistory,
}: {
  pipelines: PipelineOption[];
  history: PastRequest[];
}) {
  const [history, setHistory] = useState(initialHistory);
  const [description, setDescription] = useState("");
  const [filters, setFilters] = useState<Filters>(EMPTY_FILTERS);
  const [state, setState] = useState<GenerateState>("idle");
  const [icp, setIcp] = useState<Icp | null>(null);
  const [sources, setSources] = useState<Record<string, SourceEvent>>({});
  const results = useLeadResults();
  // `retry` is set when doing the same thing again can help (a dropped stream, a server error).
  const [error, setError] = useState<{ message: string; retry?: () => void } | null>(null);
  const abort = useRef<AbortController | null>(null);
  // The open request lives in the URL (?request=<id>), so Back, reload and a shared link show the same results.
  const [params, setParams] = useSearchParams();
  const requestInUrl = params.get("request");
  const shownRequest = useRef<string | null>(null);
  const openInUrl = (id: string) =>
    setParams(
      (p) => {
        p.set("request", id);
        return p;
      },
      { preventScrollReset: true },
    );

  const run = async (text = description, activeFilters = filters) => {
    if (!text.trim())
      return setError({
        message: "Describe your ideal client first — e.g. “Heads of marketing at SaaS companies in Germany”.",
      });
    abort.current?.abort();
    const controller = (abort.current = new AbortController());
    setState("working");
    setError(null);
    setIcp(null);
    setSources({});
    results.reset();
    const sourcesParam = new URLSearchParams(window.location.search).get("sources");
    await generate(
      {
        description: text,
        filters: filtersToBody(activeFilters),
        ...(sourcesParam ? { sources: sourcesParam.split(",") } : {}),
      },
      {
        icp: setIcp,
        source: (e) => setSources((s) => ({ ...s, [e.name]: e })),
        leads: results.add,
        done: (ids, request) => {
          results.finish(ids);
          shownRequest.current = request.id;
          openInUrl(request.id);
          setSources(finishedSources(request.sources));
          setState("done");
          setHistory((h) =>
            [
              { id: request.id, description: text, createdAt: new Date().toISOString() },
              ...h.filter((x) => x.id !== request.id),
            ].slice(0, 8),
          );
        },
        error: (message, retryable) => {
          setError({ message, retry: retryable ? () => void run(text, activeFilters) : undefined });
          setState("idle");
        },
      },
      controller.signal,
    ).catch((err: unknown) => {
      if ((err as Error).name === "AbortError") return;
      setError({ message: "The connection dropped while generating.", retry: () => void run(text, activeFilters) });
      setState("idle");
    });
  };

  const reopen = async (id: string) => {
    abort.current?.abort();
    shownRequest.current = id;
    setError(null);
    const res = await fetch(`/api/lead-requests/${id}`).catch(() => undefined);
    if (!res?.ok) return setError({ message: "That request could not be opened.", retry: () => void reopen(id) });
    const { request, leads: found } = (await res.json()) as {
      request: { description: string; icp: Icp; sources: SourceEvent[] };
      leads: StreamLead[];
    };
    setDescription(request.description);
    setIcp(request.icp);
    setSources(finishedSources(request.sources));
    results.show(found);
    setState("done");
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the URL's request changes, nothing else
  useEffect(() => {
    if (requestInUrl === shownRequest.current) return;
    if (requestInUrl) return void reopen(requestInUrl);
    // Back to the page without a request: start afresh.
    abort.current?.abort();
    shownRequest.current = null;
    setState("idle");
    setIcp(null);
    setSources({});
    setError(null);
    results.reset();
  }, [requestInUrl]);

  // An edited or removed chip becomes a new description (explicit filters are folded into it) and runs again.
  const reprofile = (nextIcp: Icp) => {
    const next = describeIcp(nextIcp);
    setDescription(next);
    setFilters(EMPTY_FILTERS);
    void run(next, EMPTY_FILTERS);
  };

  const { ranked } = results;
  const { pipelines, saved, onSave, saveAll, bulk } = useLeadSaving(initialPipelines, ranked);
  // On a phone the first cards land below the form: bring them into view once, as they start to arrive.
  const resultsRef = useRef<HTMLElement>(null);
  const hasResults = ranked.length > 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the first cards arrive
  useEffect(() => {
    if (!hasResults || state !== "working" || !window.matchMedia("(max-width: 639px)").matches) return;
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    resultsRef.current?.scrollIntoView({ block: "start", behavior: smooth ? "smooth" : "auto" });
  }, [hasResults]);

  const failed = Object.values(sources).filter((s) => s.status === "failed" || s.status === "skipped");
  return (
    <>
      <LeadForm
        description={description}
        setDescription={setDescription}
        filters={filters}
        setFilters={setFilters}
        state={state}
        onSubmit={() => void run()}
      />
      {error && (
        <div
          role="alert"
          className="mt-4 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-red-500/40 bg-red-500/10 px-4 py-3 text-sm text-red-200"
        >
          {error.message}
          {error.retry && (
            <button
              type="button"
              onClick={error.retry}
              className="rounded-lg border border-red-400/50 px-3 py-1 text-red-100 hover:bg-red-500/20"
            >
              Try again
            </button>
          )}
        </div>
      )}
      {(state !== "idle" || icp) && (
        <section aria-label="Progress" className="mt-5 space-y-3">
          {icp && (
            <div>
              <h2 className="text-sm font-medium text-ink-300">Your ideal client, as we read it</h2>
              <ProfileChips icp={icp} onChange={reprofile} />
              {icp.understood === false && (
                <p role="status" className="mt-2 text-sm text-amber-300">
                  We could not read a role, industry or place in your description
                  {icp.ignored?.length ? ` (we ignored: ${icp.ignored.slice(0, 6).join(", ")})` : ""}. The leads below
                  are not matches — try naming who you want to reach, where, and in what kind of company.
                </p>
              )}
              {icp.contradictions && icp.contradictions.length > 0 && (
                <p role="status" className="mt-2 text-sm text-amber-300">
                  The AI read part of this differently; we kept our reading:{" "}
                  {icp.contradictions
                    .slice(0, 3)
                    .map((c) => `${c.rules} (AI: ${c.model})`)
                    .join("; ")}
                  . Reword the description or set a filter if the AI is right.
                </p>
              )}
            </div>
          )}
          <ul className="flex flex-wrap gap-3 text-xs text-ink-300" aria-label="Sources" aria-live="polite">
            {Object.values(sources).map((s) => (
              <li key={s.name} className="rounded-lg bg-ink-900 px-2 py-1">
                {s.name === "sample" ? "Sample data" : s.name}:{" "}
                {s.phase === "start" ? "searching…" : s.status === "ok" ? `${s.count} found` : s.status}
              </li>
            ))}
          </ul>
          {failed.map((s) => (
            <p key={s.name} role="alert" className="text-sm text-amber-200">
              {s.name}: {s.error}
              {s.status === "failed" && state === "done" && (
                <button
                  type="button"
                  onClick={() => void run()}
                  className="ml-2 underline underline-offset-2 hover:text-amber-100"
                >
                  Retry
                </button>
              )}
            </p>
          ))}
        </section>
      )}
      {ranked.length > 0 && (
        <section ref={resultsRef} aria-labelledby="results-title" className="mt-6 scroll-mt-16">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 id="results-title" className="text-lg font-semibold">
              {ranked.length} leads{state === "working" ? " so far" : ""}
            </h2>
            {state === "done" && (
              <button
                type="button"
                onClick={() => void saveAll()}
                disabled={bulk?.running}
                className="rounded-lg border border-ink-700 px-3 py-1.5 text-sm hover:bg-ink-800 disabled:opacity-60"
              >
                Save all to {pipelines[0]?.name ?? "a new pipeline"}
              </button>
            )}
          </div>
          {bulk && <BulkSaveStatus progress={bulk} />}
          <div className="mt-4 grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
            {ranked.map((lead) => (
              <LeadCard
                key={lead.id}
                lead={lead}
                pipelines={pipelines}
                saved={saved[lead.id]}
                glide={results.gliding}
                onSave={onSave}
              />
            ))}
          </div>
        </section>
      )}
      {history.length > 0 && (
        <section aria-labelledby="history-title" className="mt-10">
          <h2 id="history-title" className="text-sm font-medium text-ink-300">
            Past requests
          </h2>
          <ul className="mt-2 space-y-1 text-sm">
            {history.map((h) => (
              <li key={h.id}>
                <button
                  type="button"
                  onClick={() => openInUrl(h.id)}
                  className="max-w-full truncate text-left text-ink-300 underline-offset-2 hover:text-ink-100 hover:underline"
                >
                  {new Date(h.createdAt).toLocaleString()} — {h.description}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {state === "done" && ranked.length === 0 && (
        <p className="mt-6 rounded-2xl border border-dashed border-ink-700 p-6 text-center text-sm text-ink-300">
          No lead matches every filter. Remove a chip above to widen the search.
        </p>
      )}
    </>
  );
}
