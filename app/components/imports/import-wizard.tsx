import { AnimatePresence, m } from "framer-motion";
import { useCallback, useEffect, useRef, useState } from "react";
import {
  FIELD_LABELS,
  type Preview,
  type ImportState,
  isFinished,
  previewFile,
  startImport,
  watchImport,
} from "./import-client";
import { MotionProvider } from "../motion";

const TARGETS = Object.entries(FIELD_LABELS);

export function ImportWizard() {
  const [file, setFile] = useState<File | null>(null);
  const [listName, setListName] = useState("");
  const [mapping, setMapping] = useState<Record<string, string> | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [job, setJob] = useState<ImportState | null>(null);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const load = useCallback(async (next: File, nextMapping: Record<string, string> | null) => {
    setLoading(true);
    setError(null);
    const result = await previewFile(next, nextMapping);
    setLoading(false);
    if (!("headers" in result)) {
      setPreview(null);
      setError(result.error);
      return;
    }
    setPreview(result);
    setMapping(result.mapping);
  }, []);

  const choose = (next: File | undefined) => {
    if (!next) return;
    setFile(next);
    setJob(null);
    setListName(next.name.replace(/\.[^.]+$/, ""));
    void load(next, null);
  };

  const remap = (header: string, field: string) => {
    const next = { ...mapping, [header]: field };
    setMapping(next);
    if (file) void load(file, next);
  };

  const submit = async () => {
    if (!file || !mapping) return;
    setError(null);
    const started = await startImport(file, mapping, listName);
    // An import carries its own `error` field (null while fine): tell the two apart by the id.
    if (!("id" in started)) return void setError(started.error);
    setJob(started);
  };

  // Watch once per import until it finishes; `job` itself changes on every poll.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the import's id and whether it finished
  useEffect(() => {
    if (!job || isFinished(job)) return;
    return watchImport(job.id, setJob, setError);
  }, [job?.id, job && isFinished(job)]);

  const rows = preview?.rows ?? [];
  const valid = rows.filter((r) => r.lead).length;
  return (
    <div className="mt-6 space-y-6">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a drop target for the mouse; the file input inside is the keyboard path */}
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          choose(e.dataTransfer.files[0]);
        }}
        className={`rounded-2xl border-2 border-dashed p-8 text-center transition-colors ${dragging ? "border-accent-400 bg-ink-800" : "border-ink-700 bg-ink-900"}`}
      >
        <p className="font-medium">Drop a CSV here</p>
        <p className="mt-1 text-sm text-ink-300">
          Sales Navigator, Apollo, HubSpot or any spreadsheet export — up to 50 MB.
        </p>
        <button
          type="button"
          onClick={() => input.current?.click()}
          className="mt-4 rounded-lg bg-accent-500 px-4 py-2 text-sm font-medium text-white hover:bg-accent-400"
        >
          Choose a CSV file
        </button>
        <input
          ref={input}
          type="file"
          accept=".csv,.tsv,.txt,text/csv"
          aria-label="CSV file"
          className="sr-only"
          onChange={(e) => choose(e.target.files?.[0])}
        />
        {file && (
          <p className="mt-3 text-sm text-ink-300">
            {file.name} · {(file.size / 1024).toFixed(0)} KB
          </p>
        )}
      </div>

      {error && (
        <p role="alert" className="rounded-lg border border-red-500/40 bg-red-500/10 px-4 py-3 text-sm text-red-200">
          {error}
        </p>
      )}
      {loading && (
        <p className="text-sm text-ink-300" aria-live="polite">
          Reading the file…
        </p>
      )}

      {preview && mapping && !job && (
        <section aria-labelledby="mapping-title" className="rounded-2xl border border-ink-800 bg-ink-900 p-5">
          <h2 id="mapping-title" className="font-semibold">
            Map the columns
          </h2>
          <p className="mt-1 text-sm text-ink-300">
            Detected {preview.encoding === "utf-8" ? "UTF-8" : "Latin-1"}, delimiter{" "}
            {preview.delimiter === "\t" ? "tab" : `“${preview.delimiter}”`}. {valid} of the first {rows.length} rows are
            ready.
          </p>
          <div className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {preview.headers.map((h) => (
              <label key={h} className="text-sm text-ink-300">
                {h}
                <select
                  aria-label={`Map column ${h}`}
                  value={mapping[h] ?? "ignore"}
                  onChange={(e) => remap(h, e.target.value)}
                  className="mt-1 block w-full rounded-lg border border-ink-700 bg-ink-950 px-3 py-2 text-ink-100"
                >
                  {TARGETS.map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          {!preview.hasName && (
            <p className="mt-3 text-sm text-amber-300">Map a column to Full name (or First and Last name) to import.</p>
          )}
          <div className="mt-5 overflow-x-auto">
            <table className="w-full min-w-[36rem] text-left text-sm">
              <caption className="sr-only">Preview of the first rows</caption>
              <thead className="text-ink-300">
                <tr>
                  <th className="py-1 pr-3">Row</th>
                  <th className="pr-3">Name</th>
                  <th className="pr-3">Title</th>
                  <th className="pr-3">Company</th>
                  <th className="pr-3">Location</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.row} className="border-t border-ink-800">
                    <td className="py-1 pr-3 text-ink-300">{r.row}</td>
                    <td className="pr-3">{r.lead?.fullName ?? "—"}</td>
                    <td className="pr-3">{r.lead?.jobTitle ?? ""}</td>
                    <td className="pr-3">{r.lead?.companyName ?? ""}</td>
                    <td className="pr-3">
                      {[r.lead?.location?.city, r.lead?.location?.country].filter(Boolean).join(", ")}
                    </td>
                    <td className={r.error ? "text-red-300" : "text-emerald-300"}>{r.error ?? "Ready"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="mt-5 flex flex-wrap items-end gap-3">
            <label className="text-sm text-ink-300">
              List name
              <input
                value={listName}
                onChange={(e) => setListName(e.target.value)}
                maxLength={120}
                className="mt-1 block rounded-lg border border-ink-700 bg-ink-950 px-3 py-2 text-ink-100"
              />
            </label>
            <button
              type="button"
              disabled={!preview.hasName}
              onClick={submit}
              className="rounded-lg bg-accent-500 px-4 py-2 text-sm font-medium text-white hover:bg-accent-400 disabled:opacity-50"
            >
              Import
            </button>
          </div>
        </section>
      )}

      <MotionProvider>
        <AnimatePresence>{job && <ImportProgress job={job} />}</AnimatePresence>
      </MotionProvider>
    </div>
  );
}

function ImportProgress({ job }: { job: ImportState }) {
  const done = isFinished(job);
  const failed = job.status === "failed";
  return (
    <m.section
      initial={{ opacity: 0, y: 8 }}
      animate={{ opacity: 1, y: 0 }}
      aria-labelledby="progress-title"
      className="rounded-2xl border border-ink-800 bg-ink-900 p-5"
    >
      <h2 id="progress-title" className="font-semibold">
        {done ? (failed ? "Import failed" : "Import finished") : "Importing…"}
      </h2>
      <div
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(job.progress * 100)}
        className="mt-3 h-2 overflow-hidden rounded-full bg-ink-800"
      >
        <m.div
          className={`h-full ${failed ? "bg-red-500" : "bg-accent-500"}`}
          animate={{ width: `${Math.round((done && !failed ? 1 : job.progress) * 100)}%` }}
        />
      </div>
      {failed && (
        <p
          role="alert"
          className="mt-3 rounded-lg border border-red-500/40 bg-red-500/10 px-4 py-3 text-sm text-red-200"
        >
          {job.error ?? "The import stopped before the end of the file."} Leads imported before it stopped are kept.
        </p>
      )}
      <p className="mt-3 text-sm" aria-live="polite">
        {job.totalRows} rows read{failed ? " before it stopped" : ""} · <strong>{job.imported}</strong> new ·{" "}
        <strong>{job.merged}</strong> merged into existing leads · <strong>{job.failed}</strong> failed
      </p>
      {job.errors.length > 0 && (
        <ul className="mt-3 max-h-48 space-y-1 overflow-auto text-sm text-red-200">
          {job.errors.slice(0, 50).map((e) => (
            <li key={e.row}>
              Row {e.row}
              {e.column ? ` (${e.column})` : ""}: {e.message}
            </li>
          ))}
        </ul>
      )}
      {(job.errors.length > 0 || failed) && (
        <a href={`/api/imports/${job.id}/errors.csv`} className="mt-3 inline-block text-sm text-accent-400 underline">
          Download the error report
        </a>
      )}
    </m.section>
  );
}
