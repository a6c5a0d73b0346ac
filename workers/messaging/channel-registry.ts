// Which channels can send: the Sandbox, WhatsApp and LinkedIn (session-host), Facebook and Instagram (Meta), and
// X (API v2 DMs). A channel without an adapter shows "not connected" and fallback skips it.
import type { ChannelAdapter } from "./channel-adapter";
import type { MessageChannel } from "./channels";
import { linkedinAdapter } from "./channels/linkedin.adapter";
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
  linkedin: linkedinAdapter,
};

export function channelAdapter(channel: MessageChannel): ChannelAdapter | undefined {
  return ADAPTERS[channel];
}
