import { randomInt } from "node:crypto";
import { type BinaryNode, Curve, jidDecode, type KeyPair } from "@whiskeysockets/baileys";
import { SignalPeer } from "./signal-peer.ts";

/** A linked (companion) device of an account, as the server remembers it after pairing. */
export type LinkedDevice = {
  phone: string;
  device: number;
  keyIndex: number;
  noiseKey: Uint8Array;
  identityKey: Uint8Array;
  registrationId: number;
  signedPreKey: { keyId: number; publicKey: Uint8Array; signature: Uint8Array };
  /** one-time pre-keys the device uploaded and nobody fetched yet */
  preKeys: Map<number, Uint8Array>;
  /** the phone pushes a (tiny) history sync once, after the first login that follows pairing */
  historySent: boolean;
  /** stanzas waiting for the device to come online */
  offline: BinaryNode[];
};

/** The WhatsApp account behind a phone number: its primary phone (device 0) plus linked devices. */
export type Account = {
  phone: string;
  lid: string;
  pushName: string;
  /** the phone's identity key: signs linked devices (ADV) and is its Signal identity */
  accountKey: KeyPair;
  phonePeer: SignalPeer;
  devices: Map<number, LinkedDevice>;
  nextDevice: number;
};

/** Someone the account talks to: one phone (device 0) with its own Signal identity. */
export type Contact = { phone: string; lid: string; name: string; peer: SignalPeer; pictureUrl: string };

export type Party = { kind: "account"; account: Account } | { kind: "contact"; contact: Contact };

export const pnJid = (phone: string, device = 0) =>
  device ? `${phone}:${device}@s.whatsapp.net` : `${phone}@s.whatsapp.net`;
export const lidJid = (lid: string, device = 0) => (device ? `${lid}:${device}@lid` : `${lid}@lid`);

const newLid = () => `${randomInt(100_000, 999_999)}${randomInt(100_000_000, 999_999_999)}`;

/** Every party the stand-in knows, addressable by phone number or LID (with or without device). */
export class Directory {
  readonly accounts = new Map<string, Account>();
  readonly contacts = new Map<string, Contact>();
  private readonly byLid = new Map<string, string>();
  /** numbers that are not on WhatsApp; every other unknown phone number becomes a contact when asked about */
  readonly notOnWhatsApp = new Set<string>();

  account(phone: string): Account {
    let account = this.accounts.get(phone);
    if (!account) {
      const accountKey = Curve.generateKeyPair();
      account = {
        phone,
        lid: newLid(),
        pushName: `Account ${phone.slice(-4)}`,
        accountKey,
        phonePeer: new SignalPeer({
          pubKey: Buffer.concat([Buffer.from([5]), accountKey.public]),
          privKey: Buffer.from(accountKey.private),
        }),
        devices: new Map(),
        nextDevice: 2,
      };
      this.accounts.set(phone, account);
      this.byLid.set(account.lid, phone);
    }
    return account;
  }

  contact(phone: string, name?: string): Contact {
    let contact = this.contacts.get(phone);
    if (!contact) {
      const lid = newLid();
      contact = {
        phone,
        lid,
        name: name ?? `Contact ${phone.slice(-4)}`,
        peer: new SignalPeer(),
        pictureUrl: `https://pps.whatsapp.net/v/t61/${phone}.jpg`,
      };
      this.contacts.set(phone, contact);
      this.byLid.set(lid, phone);
    }
    return contact;
  }

  /** Resolves a JID (PN or LID, any device) to a known party; unknown numbers are not on WhatsApp. */
  resolve(jid: string): { party: Party; device: number } | undefined {
    const decoded = jidDecode(jid);
    if (!decoded?.user) return undefined;
    const phone = decoded.server === "lid" ? this.byLid.get(decoded.user) : decoded.user;
    if (!phone) return undefined;
    const device = decoded.device ?? 0;
    const account = this.accounts.get(phone);
    if (account) return { party: { kind: "account", account }, device };
    if (this.notOnWhatsApp.has(phone) || (decoded.server !== "s.whatsapp.net" && !this.contacts.has(phone))) {
      return undefined;
    }
    return { party: { kind: "contact", contact: this.contact(phone) }, device };
  }
}

export const partyPhone = (party: Party) => (party.kind === "account" ? party.account.phone : party.contact.phone);
export const partyLid = (party: Party) => (party.kind === "account" ? party.account.lid : party.contact.lid);
