// For one lead: which channels could take a message now, and why the others cannot. The composer shows it,
// the send service routes with it, and the orchestrator re-checks it at send time (the authority).
import type { Tx } from "../db/tenant";
import type { LeadRecord } from "../repos/leads.repo";
import { connectedAccounts, ensureChannelAccount } from "../repos/channel-accounts.repo";
import { messagingSettingsOf } from "../repos/messaging-settings.repo";
import type { ChannelAccountRecord } from "../repos/channel-accounts.repo";
import { findConversationsOfLead } from "../repos/conversations.repo";
import type { ConversationRecord } from "../repos/conversations.repo";
import { findSuppression } from "../repos/suppressions.repo";
import type { ChannelAdapter, LeadContact } from "./channel-adapter";
import { channelAdapter } from "./channel-registry";
import { CHANNEL_LABELS, MESSAGE_CHANNELS } from "./channels";
import type { MessageChannel } from "./channels";
import { sandboxAccountExternalId } from "./channels/sandbox.adapter";
import { isSampleOnly, windowClosedReason, windowOpen } from "./policy";
import { suppressionIdentities } from "./suppressions.service";
import type { Block } from "./policy";

export interface ChannelOption {
  channel: MessageChannel;
  label: string;
  handle: string | null;
  possible: boolean;
  block: Block | null;
  account: ChannelAccountRecord | null;
  adapter: ChannelAdapter | null;
  conversation: ConversationRecord | null;
}

export interface LeadChannels {
  lead: LeadRecord;
  sample: boolean;
  options: ChannelOption[];
  settings: Awaited<ReturnType<typeof messagingSettingsOf>>;
}

export function leadContact(lead: LeadRecord): LeadContact {
  return {
    id: lead.id,
    fullName: lead.fullName,
    email: lead.email,
    phone: lead.phone,
    linkedinUrl: lead.linkedinUrl,
    contactChannels: (lead.contactChannels as { channel: string; handle: string }[]) ?? [],
    country: lead.country,
  };
}

/** The lead's address on a channel: the adapter decides when there is one, else what the lead record holds. */
function handleOn(channel: MessageChannel, contact: LeadContact, adapter: ChannelAdapter | null): string | null {
  if (adapter) return adapter.handleFor(contact);
  const listed = contact.contactChannels.find((c) => c.channel === channel)?.handle;
  if (listed) return listed;
  if (channel === "whatsapp") return contact.phone;
  if (channel === "linkedin") return contact.linkedinUrl;
  return null;
}

/** Loads what routing needs and evaluates every channel for the lead. Creates the virtual Sandbox account. */
export async function leadChannels(
  tx: Tx,
  workspaceId: string,
  lead: LeadRecord,
  now = new Date(),
): Promise<LeadChannels> {
  let [accounts, conversations, settings] = await Promise.all([
    connectedAccounts(tx, workspaceId),
    findConversationsOfLead(tx, workspaceId, lead.id),
    messagingSettingsOf(tx, workspaceId),
  ]);
  if (!accounts.some((a) => a.channel === "sandbox")) {
    await ensureChannelAccount(tx, {
      workspaceId,
      channel: "sandbox",
      provider: "sandbox",
      displayName: "Sandbox",
      externalId: sandboxAccountExternalId(workspaceId),
    });
    accounts = await connectedAccounts(tx, workspaceId);
  }
  const contact = leadContact(lead);
  const sample = isSampleOnly(lead);
  const options: ChannelOption[] = [];
  for (const channel of MESSAGE_CHANNELS) {
    const adapter = channelAdapter(channel) ?? null;
    const handle = handleOn(channel, contact, adapter);
    const conversation = conversations.find((c) => c.channel === channel) ?? null;
    const account =
      accounts.find((a) => a.channel === channel && a.id === conversation?.accountId) ??
      accounts.find((a) => a.channel === channel) ??
      null;
    const block = await blockFor(tx, { channel, adapter, handle, account, conversation, contact, sample, now });
    options.push({
      channel,
      label: CHANNEL_LABELS[channel],
      handle,
      possible: !block,
      block,
      account,
      adapter,
      conversation,
    });
  }
  return { lead, sample, options, settings };
}

async function blockFor(
  tx: Tx,
  c: {
    channel: MessageChannel;
    adapter: ChannelAdapter | null;
    handle: string | null;
    account: ChannelAccountRecord | null;
    conversation: ConversationRecord | null;
    contact: LeadContact;
    sample: boolean;
    now: Date;
  },
): Promise<Block | null> {
  const label = CHANNEL_LABELS[c.channel];
  if (c.sample && c.channel !== "sandbox")
    return { code: "sample_lead", reason: "This lead is sample data (fictional): message them in the Sandbox only." };
  if (!c.adapter || !c.account)
    return { code: "no_account", reason: `No ${label} account is connected to this workspace.` };
  if (!c.handle) return { code: "no_handle", reason: `This lead has no ${label} contact.` };
  const suppressed = await findSuppression(
    tx,
    c.account.workspaceId,
    suppressionIdentities(c.contact, c.channel, c.handle),
    c.channel,
  );
  if (suppressed)
    return {
      code: "suppressed",
      reason: suppressed.channel ? `This person opted out of ${label}.` : "This person opted out of all messages.",
    };
  // The composer is a person writing: the human-agent window counts (send-plan re-checks campaigns strictly).
  if (!windowOpen(c.adapter.capabilities, c.conversation?.lastInboundAt ?? null, c.now, true))
    return { code: "window_closed", reason: windowClosedReason(label, c.adapter.capabilities, true) };
  return null;
}

/**
 * The channel a message goes out on when none is named: the conversation's, then the lead's main channel,
 * then the workspace's fallback order; the Sandbox only for sample leads (it reaches nobody real).
 */
export function routeOrder(lc: LeadChannels, conversationChannel?: MessageChannel): MessageChannel[] {
  const order: string[] = [];
  if (conversationChannel) order.push(conversationChannel);
  if (lc.lead.mainChannel) order.push(lc.lead.mainChannel);
  order.push(...lc.settings.fallbackOrder);
  if (lc.sample) order.push("sandbox");
  return [...new Set(order)].filter((c): c is MessageChannel => (MESSAGE_CHANNELS as readonly string[]).includes(c));
}
