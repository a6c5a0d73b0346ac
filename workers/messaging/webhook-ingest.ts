// Placeholder until the inbound branch (webhooks, inbound queue) merges: provider events are not processed yet.
import type { Db } from "../db/client";
import type { ProviderEvent } from "./channel-adapter";

export async function ingestProviderEvents(_db: Db, _env: Env, _provider: string, events: ProviderEvent[]) {
  return { accepted: 0, duplicates: 0, dropped: events.length };
}
