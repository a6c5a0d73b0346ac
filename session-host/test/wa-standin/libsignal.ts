import { createRequire } from "node:module";

// libsignal is Baileys' own dependency, not ours: load it from Baileys' location so the stand-in speaks
// exactly the Signal dialect the pinned Baileys speaks, without adding a package to session-host.
const requireFromBaileys = createRequire(Bun.resolveSync("@whiskeysockets/baileys", import.meta.dir));

/** A libsignal key pair: pubKey carries the 0x05 type prefix (33 bytes), privKey is 32 bytes. */
export type SignalKeyPair = { pubKey: Buffer; privKey: Buffer };

export type PreKeyBundle = {
  registrationId: number;
  identityKey: Uint8Array;
  signedPreKey: { keyId: number; publicKey: Uint8Array; signature: Uint8Array };
  preKey?: { keyId: number; publicKey: Uint8Array };
};

export type SessionRecordLike = { haveOpenSession(): boolean };

export type SignalStorage = {
  loadSession(id: string): Promise<SessionRecordLike | undefined>;
  storeSession(id: string, record: SessionRecordLike): Promise<void>;
  isTrustedIdentity(id: string, key: Uint8Array): boolean;
  loadPreKey(id: number | string): Promise<SignalKeyPair | undefined>;
  removePreKey(id: number): void;
  loadSignedPreKey(id?: number): SignalKeyPair | undefined;
  getOurRegistrationId(): number;
  getOurIdentity(): SignalKeyPair;
};

type ProtocolAddress = { id: string; deviceId: number; toString(): string };

type LibSignal = {
  ProtocolAddress: new (name: string, deviceId: number) => ProtocolAddress;
  SessionBuilder: new (
    storage: SignalStorage,
    address: ProtocolAddress,
  ) => { initOutgoing(bundle: PreKeyBundle): Promise<void> };
  SessionCipher: new (
    storage: SignalStorage,
    address: ProtocolAddress,
  ) => {
    encrypt(data: Uint8Array): Promise<{ type: number; body: string }>;
    decryptPreKeyWhisperMessage(data: Uint8Array): Promise<Buffer>;
    decryptWhisperMessage(data: Uint8Array): Promise<Buffer>;
  };
  keyhelper: {
    generateIdentityKeyPair(): SignalKeyPair;
    generateRegistrationId(): number;
    generateSignedPreKey(
      identity: SignalKeyPair,
      keyId: number,
    ): { keyId: number; keyPair: SignalKeyPair; signature: Buffer };
    generatePreKey(keyId: number): { keyId: number; keyPair: SignalKeyPair };
  };
};

export const libsignal = requireFromBaileys("libsignal") as LibSignal;

/**
 * libsignal prints whole session records (console.info "Closing session:", console.warn "Closing open session…")
 * whenever a session is replaced, which Baileys does on purpose when it refreshes a contact's keys. While a
 * stand-in runs, exactly those two messages are dropped; everything else still prints.
 */
export const muteSessionChatter = (): (() => void) => {
  const { info, warn } = console;
  const chatter = (first: unknown) =>
    typeof first === "string" && first.startsWith("Closing ") && first.includes("session");
  console.info = (...args: unknown[]) => void (chatter(args[0]) || info.apply(console, args));
  console.warn = (...args: unknown[]) => void (chatter(args[0]) || warn.apply(console, args));
  return () => {
    console.info = info;
    console.warn = warn;
  };
};
