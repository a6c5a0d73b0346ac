import { encodeWAMessage, proto, unpadRandomMax16 } from "@whiskeysockets/baileys";
import {
  libsignal,
  type PreKeyBundle,
  type SessionRecordLike,
  type SignalKeyPair,
  type SignalStorage,
} from "./libsignal.ts";

export type EncType = "pkmsg" | "msg";

/** The Signal side of one simulated WhatsApp device (a contact's phone, or the account's own phone). */
export class SignalPeer {
  readonly identity: SignalKeyPair;
  readonly registrationId: number;
  readonly signedPreKey: { keyId: number; keyPair: SignalKeyPair; signature: Buffer };
  private readonly preKeys = new Map<number, SignalKeyPair>();
  private readonly sessions = new Map<string, SessionRecordLike>();
  private nextPreKeyId = 1;

  /** `identity` lets the account's phone reuse its ADV account key as its Signal identity, as WhatsApp does. */
  constructor(identity?: SignalKeyPair) {
    this.identity = identity ?? libsignal.keyhelper.generateIdentityKeyPair();
    this.registrationId = libsignal.keyhelper.generateRegistrationId();
    this.signedPreKey = libsignal.keyhelper.generateSignedPreKey(this.identity, 1);
  }

  /** A bundle as the server hands it out: every call consumes a fresh one-time pre-key. */
  takeBundle(): PreKeyBundle {
    const { keyId, keyPair } = libsignal.keyhelper.generatePreKey(this.nextPreKeyId++);
    this.preKeys.set(keyId, keyPair);
    return {
      registrationId: this.registrationId,
      identityKey: this.identity.pubKey,
      signedPreKey: {
        keyId: this.signedPreKey.keyId,
        publicKey: this.signedPreKey.keyPair.pubKey,
        signature: this.signedPreKey.signature,
      },
      preKey: { keyId, publicKey: keyPair.pubKey },
    };
  }

  hasSession(address: PeerAddress): boolean {
    return this.sessions.get(addressKey(address))?.haveOpenSession() ?? false;
  }

  async startSession(address: PeerAddress, bundle: PreKeyBundle): Promise<void> {
    await new libsignal.SessionBuilder(this.storage, toAddress(address)).initOutgoing(bundle);
  }

  /** Encrypts a WhatsApp message proto (padded like every WhatsApp client pads it). */
  async encryptMessage(address: PeerAddress, message: proto.IMessage): Promise<{ type: EncType; ciphertext: Buffer }> {
    const cipher = new libsignal.SessionCipher(this.storage, toAddress(address));
    const { type, body } = await cipher.encrypt(encodeWAMessage(message));
    return { type: type === 3 ? "pkmsg" : "msg", ciphertext: Buffer.from(body as unknown as Uint8Array) };
  }

  async decryptMessage(address: PeerAddress, type: EncType, ciphertext: Uint8Array): Promise<proto.Message> {
    const cipher = new libsignal.SessionCipher(this.storage, toAddress(address));
    const plain =
      type === "pkmsg"
        ? await cipher.decryptPreKeyWhisperMessage(ciphertext)
        : await cipher.decryptWhisperMessage(ciphertext);
    return proto.Message.decode(unpadRandomMax16(plain));
  }

  private get storage(): SignalStorage {
    return {
      loadSession: async (id) => this.sessions.get(id),
      storeSession: async (id, record) => void this.sessions.set(id, record),
      isTrustedIdentity: () => true,
      loadPreKey: async (id) => this.preKeys.get(Number(id)),
      removePreKey: (id) => void this.preKeys.delete(id),
      loadSignedPreKey: () => this.signedPreKey.keyPair,
      getOurRegistrationId: () => this.registrationId,
      getOurIdentity: () => this.identity,
    };
  }
}

/** Who the peer talks to. The stand-in always names parties by phone number and device, never by LID. */
export type PeerAddress = { phone: string; device: number };

const addressKey = (address: PeerAddress) => `${address.phone}.${address.device}`;
const toAddress = (address: PeerAddress) => new libsignal.ProtocolAddress(address.phone, address.device);
