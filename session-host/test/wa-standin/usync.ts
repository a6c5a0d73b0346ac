import { type BinaryNode, getBinaryNodeChild, jidDecode } from "@whiskeysockets/baileys";
import { type Directory, lidJid, type Party, partyLid, partyPhone, pnJid } from "./directory.ts";

const now = () => String(Math.floor(Date.now() / 1000));

/** Curve keys travel without libsignal's 0x05 type byte on the wire. */
const wireKey = (key: Uint8Array) => (key.length === 33 ? key.subarray(1) : key);

/** Integers on the wire (registration ids, key ids) are unsigned big-endian byte strings. */
export const bigEndian = (value: number, bytes: number) => {
  const out = new Uint8Array(bytes);
  for (let i = bytes - 1; i >= 0; i--, value = Math.floor(value / 256)) out[i] = value & 0xff;
  return out;
};

export const fromBigEndian = (bytes: Uint8Array | null | undefined) => {
  let value = 0;
  for (const byte of bytes ?? []) value = value * 256 + byte;
  return value;
};

/** The devices a party has: a contact only its phone, an account its phone plus every linked device. */
const deviceList = (party: Party): BinaryNode[] => {
  const phone = { tag: "device", attrs: { id: "0" } };
  if (party.kind === "contact") return [phone];
  const linked = [...party.account.devices.values()].map((d) => ({
    tag: "device",
    attrs: { id: String(d.device), "key-index": String(d.keyIndex) },
  }));
  return [phone, ...linked];
};

/** One `<user>` of a usync answer, with one child per protocol the client asked for. */
export const usyncUser = (directory: Directory, user: BinaryNode, protocols: string[]): BinaryNode => {
  const phoneQuery = getBinaryNodeChild(user, "contact")?.content;
  const asked =
    user.attrs.jid ?? (phoneQuery ? pnJid(String(phoneQuery).replace(/[^0-9]/g, "")) : "unknown@s.whatsapp.net");
  const found = directory.resolve(asked);
  const party = found?.party;
  const content: BinaryNode[] = [];
  for (const protocol of protocols) {
    switch (protocol) {
      case "devices":
        content.push({
          tag: "devices",
          attrs: {},
          content: [
            { tag: "device-list", attrs: {}, content: party ? deviceList(party) : [] },
            { tag: "key-index-list", attrs: { ts: now() } },
          ],
        });
        break;
      case "contact":
        content.push({ tag: "contact", attrs: { type: party ? "in" : "out" } });
        break;
      case "lid":
        if (party) content.push({ tag: "lid", attrs: { val: lidJid(partyLid(party)) } });
        break;
      case "status":
        content.push({ tag: "status", attrs: { t: now() }, content: "Hey there! I am using WhatsApp." });
        break;
      case "disappearing_mode":
        content.push({ tag: "disappearing_mode", attrs: { duration: "0", t: "0" } });
        break;
    }
  }
  // a phone-number lookup is answered with the number's JID; anything else echoes the JID asked for
  const jid = user.attrs.jid ?? (party ? pnJid(partyPhone(party)) : asked);
  return { tag: "user", attrs: { jid }, content };
};

export type Bundle = {
  registrationId: number;
  identityKey: Uint8Array;
  signedPreKey: { keyId: number; publicKey: Uint8Array; signature: Uint8Array };
  preKey?: { keyId: number; publicKey: Uint8Array };
};

/** Hands out a device's pre-key bundle; a one-time pre-key is given to one asker only, as the server does. */
export const takeBundle = (directory: Directory, jid: string): Bundle | undefined => {
  const found = directory.resolve(jid);
  if (!found) return undefined;
  const { party, device } = found;
  if (party.kind === "contact") return device === 0 ? party.contact.peer.takeBundle() : undefined;
  if (device === 0) return party.account.phonePeer.takeBundle();
  const linked = party.account.devices.get(device);
  if (!linked) return undefined;
  const next = linked.preKeys.entries().next();
  let preKey: Bundle["preKey"];
  if (!next.done) {
    const [keyId, publicKey] = next.value;
    linked.preKeys.delete(keyId);
    preKey = { keyId, publicKey };
  }
  return { ...linked, preKey };
};

/** One `<user>` of an `encrypt`/`key` answer; undefined for devices that do not exist. */
export const keyBundleUser = (directory: Directory, jid: string): BinaryNode | undefined => {
  const bundle = takeBundle(directory, jid);
  if (!bundle) return undefined;
  const { signedPreKey, preKey } = bundle;
  const content: BinaryNode[] = [
    { tag: "registration", attrs: {}, content: bigEndian(bundle.registrationId, 4) },
    { tag: "type", attrs: {}, content: new Uint8Array([5]) },
    { tag: "identity", attrs: {}, content: wireKey(bundle.identityKey) },
    {
      tag: "skey",
      attrs: {},
      content: [
        { tag: "id", attrs: {}, content: bigEndian(signedPreKey.keyId, 3) },
        { tag: "value", attrs: {}, content: wireKey(signedPreKey.publicKey) },
        { tag: "signature", attrs: {}, content: signedPreKey.signature },
      ],
    },
  ];
  if (preKey) {
    content.push({
      tag: "key",
      attrs: {},
      content: [
        { tag: "id", attrs: {}, content: bigEndian(preKey.keyId, 3) },
        { tag: "value", attrs: {}, content: wireKey(preKey.publicKey) },
      ],
    });
  }
  return { tag: "user", attrs: { jid: jidDecode(jid) ? jid : pnJid(jid) }, content };
};

/** The same bundle in libsignal's shape (keys with their 0x05 type byte), for the stand-in's own peers. */
export const signalBundle = (bundle: Bundle): Bundle => {
  const typed = (key: Uint8Array) => (key.length === 32 ? Buffer.concat([Buffer.from([5]), key]) : key);
  return {
    registrationId: bundle.registrationId,
    identityKey: typed(bundle.identityKey),
    signedPreKey: { ...bundle.signedPreKey, publicKey: typed(bundle.signedPreKey.publicKey) },
    preKey: bundle.preKey && { ...bundle.preKey, publicKey: typed(bundle.preKey.publicKey) },
  };
};
