// X's inbound half. X delivers DM webhooks only on enterprise tiers, so inbound DMs are polled by each account's
// XAccount Durable Object and handed to ingestProviderEvents under this provider name (routing by the account's X
// user id, replays dropped by DM event id). `POST /api/hooks/x` therefore refuses every request.
import type { WebhookProvider } from "../channel-adapter";

export const xWebhook: WebhookProvider = {
  provider: "x",
  channel: "x",
  async verify() {
    return false;
  },
  parse() {
    return [];
  },
};
