// Inbound providers by the `:provider` of `POST /api/hooks/:provider`: the Sandbox, the WhatsApp session-host and
// Meta (Messenger and Instagram); X adds its own here; the route and the ingest do not change.
import type { WebhookProvider } from "./channel-adapter";
import { metaWebhook } from "./channels/meta.webhook";
import { sandboxWebhook } from "./channels/sandbox.webhook";
import { sessionHostWebhook } from "./channels/session-host.webhook";
import { xWebhook } from "./channels/x.webhook";

const PROVIDERS: Record<string, WebhookProvider> = {
  [sandboxWebhook.provider]: sandboxWebhook,
  [sessionHostWebhook.provider]: sessionHostWebhook,
  [metaWebhook.provider]: metaWebhook,
  [xWebhook.provider]: xWebhook,
};

export function webhookProvider(name: string): WebhookProvider | undefined {
  return Object.hasOwn(PROVIDERS, name) ? PROVIDERS[name] : undefined;
}

export function webhookProviderNames(): string[] {
  return Object.keys(PROVIDERS);
}
