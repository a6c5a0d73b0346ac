// Which sources a request runs: the ones asked for, or by default every configured provider plus the
// workspace's lists — and the built-in sample only when no provider is configured.
import type { SourceName } from "../lead-engine/icp.schema";
import { apolloSource } from "./apollo.source";
import { listsSource } from "./lists.source";
import { sampleSource } from "./sample/sample.source";
import type { LeadSource } from "./source";
import type { SourceResult } from "./source-runner";

export const ALL_SOURCES: LeadSource[] = [apolloSource, listsSource, sampleSource];

export function sourcesFor(env: Env, requested?: SourceName[]): { sources: LeadSource[]; results: SourceResult[] } {
  const providers = ALL_SOURCES.filter((s) => s.name !== "lists" && s.name !== "sample" && s.configured(env));
  if (!requested?.length) return { sources: [...providers, listsSource, ...(providers.length ? [] : [sampleSource])], results: [] };
  const results: SourceResult[] = [];
  const sources: LeadSource[] = [];
  for (const name of new Set(requested)) {
    const source = ALL_SOURCES.find((s) => s.name === name);
    if (source?.configured(env)) sources.push(source);
    else results.push({ name, status: "skipped", count: 0, error: `${name} is not configured on this server`, durationMs: 0 });
  }
  return { sources, results };
}
