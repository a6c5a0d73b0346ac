// Who wrote to us: the workspace's lead with this handle on the channel, else the lead with the same phone,
// e-mail or LinkedIn profile (normal forms of lead-identity.ts), else a new lead tagged "inbound".
import type { MessageChannel } from "../db/schema";
import type { Tx } from "../db/tenant";
import * as leadsRepo from "../repos/leads.repo";
import { workspaceCreator } from "../repos/inbound.repo";
import { isUniqueViolation } from "../services/leads.service";
import { nameKey, normalizeEmail, normalizeLinkedinUrl, normalizePhone } from "../services/lead-identity";

export const INBOUND_TAG = "inbound";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type FoundLead = NonNullable<Awaited<ReturnType<typeof leadsRepo.findLeadByChannelHandle>>>;

interface Sender {
  handle: string;
  name?: string;
  phone?: string;
  email?: string;
}

function senderKeys(channel: MessageChannel, from: Sender) {
  const email = normalizeEmail(from.email);
  return {
    email: email?.includes("@") ? email : null,
    phone: normalizePhone(from.phone ?? (channel === "whatsapp" ? from.handle : null)),
    linkedinUrl: channel === "linkedin" ? normalizeLinkedinUrl(from.handle) : null,
    companyDomain: null,
    nameKey: null,
  };
}

export async function findOrCreateInboundLead(
  tx: Tx,
  workspaceId: string,
  channel: MessageChannel,
  from: Sender,
  attempt = 1,
): Promise<{ lead: FoundLead; created: boolean }> {
  // The Sandbox addresses every lead by its id (sandbox.adapter.ts handleFor): its replies come from that id.
  if (channel === "sandbox" && UUID.test(from.handle)) {
    const byId = await leadsRepo.findLead(tx, workspaceId, from.handle);
    if (byId) return { lead: { ...byId, nameKey: nameKey(byId.fullName) }, created: false };
  }
  const byHandle = await leadsRepo.findLeadByChannelHandle(tx, workspaceId, channel, from.handle);
  if (byHandle) return { lead: byHandle, created: false };
  const keys = senderKeys(channel, from);
  const [known] = await leadsRepo.findByIdentity(tx, workspaceId, keys);
  if (known) return { lead: await learnHandle(tx, workspaceId, known, channel, from.handle), created: false };

  const owner = await workspaceCreator(tx, workspaceId);
  if (!owner) throw new Error(`workspace ${workspaceId} is gone`);
  const fullName = from.name?.trim() || from.handle;
  const created = await tx
    .transaction((sp) =>
      leadsRepo.insertLead(sp, {
        workspaceId,
        userId: owner,
        createdBy: null,
        fullName,
        nameKey: nameKey(fullName),
        email: keys.email,
        phone: keys.phone,
        linkedinUrl: keys.linkedinUrl,
        contactChannels: [{ channel, handle: from.handle, source: channel }],
        mainChannel: channel,
        tags: [INBOUND_TAG],
        source: channel,
        sources: [channel],
      }),
    )
    .catch((err: unknown) => {
      // Another path created the same person meanwhile (unique e-mail/phone): find them on the next pass.
      if (isUniqueViolation(err) && attempt < 3) return undefined;
      throw err;
    });
  if (!created) return findOrCreateInboundLead(tx, workspaceId, channel, from, attempt + 1);
  return { lead: { ...created, nameKey: nameKey(fullName) }, created: true };
}

/** A known lead writing from a new handle: remember it, so replies go there and the next message matches. */
async function learnHandle(tx: Tx, workspaceId: string, lead: FoundLead, channel: MessageChannel, handle: string) {
  const channels = (lead.contactChannels as { channel: string; handle: string }[]) ?? [];
  const contactChannels = [...channels, { channel, handle, source: channel }];
  const updated = await leadsRepo.updateLead(tx, workspaceId, lead.id, { contactChannels });
  return updated ? { ...updated, nameKey: lead.nameKey } : lead;
}
