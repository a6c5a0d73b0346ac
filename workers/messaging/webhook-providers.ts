// Inbound providers by the `:provider` of `POST /api/hooks/:provider`. Meta, X and the WhatsApp session-host
// add theirs here; the route and the ingest do not change.
import type { WebhookProvider } from "./channel-adapter";
import { sandboxWebhook } from "./channels/sandbox.webhook";

const PROVIDERS: Record<string, WebhookProvider> = {
  [sandboxWebhook.provider]: sandboxWebhook,
};

export function webhookProvider(name: string): WebhookProvider | undefined {
  return Object.hasOwn(PROVIDERS, name) ? PROVIDERS[name] : undefined;
}

export function webhookProviderNames(): string[] {
  return Object.keys(PROVIDERS);
}
