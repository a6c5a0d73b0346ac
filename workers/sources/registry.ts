// Which sources a request runs: the ones asked for, or by default every configured provider plus the
// workspace's lists — and the built-in sample only when no provider is configured.
import type { SourceName } from "../lead-engine/icp.schema";
import { apolloSource } from "./apollo.source";
import { clearbitSource } from "./clearbit.source";
import { crunchbaseSource } from "./crunchbase.source";
import { listsSource, salesnavSource } from "./lists.source";
import { sampleSource } from "./sample/sample.source";
import type { LeadSource } from "./source";
import type { SourceResult } from "./source-runner";

export const ALL_SOURCES: LeadSource[] = [
  apolloSource,
  clearbitSource,
  crunchbaseSource,
  salesnavSource,
  listsSource,
  sampleSource,
];

export function sourcesFor(env: Env, requested?: SourceName[]): { sources: LeadSource[]; results: SourceResult[] } {
  const providers = ALL_SOURCES.filter(
    (s) => s.search && !["lists", "salesnav", "sample"].includes(s.name) && s.configured(env),
  );
  if (!requested?.length)
    return {
      sources: [...providers, salesnavSource, listsSource, ...(providers.length ? [] : [sampleSource])],
      results: [],
    };
  const results: SourceResult[] = [];
  const sources: LeadSource[] = [];
  for (const name of new Set(requested)) {
    const source = ALL_SOURCES.find((s) => s.name === name);
    if (source?.configured(env) && source.search) sources.push(source);
    else if (source?.configured(env))
      results.push({
        name,
        status: "skipped",
        count: 0,
        error: `${name} only enriches leads (POST /api/leads/:id/enrich); it cannot search`,
        durationMs: 0,
      });
    else
      results.push({
        name,
        status: "skipped",
        count: 0,
        error: `${name} is not configured on this server`,
        durationMs: 0,
      });
  }
  return { sources, results };
}
