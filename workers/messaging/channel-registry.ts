// Which channels can send today: the Sandbox and WhatsApp (session-host). Meta, X and LinkedIn adapters register
// here as their issues land; until then those channels show "not connected" and fallback skips them.
import type { ChannelAdapter } from "./channel-adapter";
import type { MessageChannel } from "./channels";
import { facebookAdapter, instagramAdapter } from "./channels/meta.adapter";
import { sandboxAdapter } from "./channels/sandbox.adapter";
import { whatsappAdapter } from "./channels/whatsapp.adapter";

const ADAPTERS: Partial<Record<MessageChannel, ChannelAdapter>> = {
  sandbox: sandboxAdapter,
  whatsapp: whatsappAdapter,
  facebook: facebookAdapter,
  instagram: instagramAdapter,
};

export function channelAdapter(channel: MessageChannel): ChannelAdapter | undefined {
  return ADAPTERS[channel];
}
