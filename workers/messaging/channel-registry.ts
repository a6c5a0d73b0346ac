// Which channels can send today: the Sandbox, WhatsApp (session-host) and X (API v2 DMs). Meta and LinkedIn
// adapters register here as their issues land; until then those channels show "not connected" and fallback skips
// them.
import type { ChannelAdapter } from "./channel-adapter";
import type { MessageChannel } from "./channels";
import { facebookAdapter, instagramAdapter } from "./channels/meta.adapter";
import { sandboxAdapter } from "./channels/sandbox.adapter";
import { whatsappAdapter } from "./channels/whatsapp.adapter";
import { xAdapter } from "./channels/x.adapter";

const ADAPTERS: Partial<Record<MessageChannel, ChannelAdapter>> = {
  sandbox: sandboxAdapter,
  whatsapp: whatsappAdapter,
  facebook: facebookAdapter,
  instagram: instagramAdapter,
  x: xAdapter,
};

export function channelAdapter(channel: MessageChannel): ChannelAdapter | undefined {
  return ADAPTERS[channel];
}
