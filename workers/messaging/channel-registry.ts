// Which channels can send today. WhatsApp (session-host), Meta, X and LinkedIn adapters register here as
// their issues land; until then those channels show "not connected" and fallback skips them.
import type { ChannelAdapter } from "./channel-adapter";
import type { MessageChannel } from "./channels";
import { sandboxAdapter } from "./channels/sandbox.adapter";

const ADAPTERS: Partial<Record<MessageChannel, ChannelAdapter>> = {
  sandbox: sandboxAdapter,
};

export function channelAdapter(channel: MessageChannel): ChannelAdapter | undefined {
  return ADAPTERS[channel];
}
