import { randomBytes, randomInt } from "node:crypto";
import {
  type BinaryNode,
  Curve,
  getBinaryNodeChild,
  hmacSign,
  proto,
  WA_ADV_ACCOUNT_SIG_PREFIX,
  WA_ADV_DEVICE_SIG_PREFIX,
} from "@whiskeysockets/baileys";
import type { Account, LinkedDevice } from "./directory.ts";
import { lidJid, pnJid } from "./directory.ts";
import { fromBigEndian } from "./usync.ts";

/** What a client that is not logged in told the server in its registration payload. */
export type Registration = {
  refs: string[];
  noiseKey: Uint8Array;
  identityKey: Uint8Array;
  registrationId: number;
  signedPreKey: LinkedDevice["signedPreKey"];
};

export const registrationFromPayload = (
  payload: proto.ClientPayload,
  noiseKey: Uint8Array,
): Registration | undefined => {
  const data = payload.devicePairingData;
  if (!data?.eIdent || !data.eSkeyVal || !data.eSkeySig) return undefined;
  return {
    refs: Array.from({ length: 6 }, () => `2@${randomBytes(24).toString("base64")}`),
    noiseKey,
    identityKey: data.eIdent,
    registrationId: fromBigEndian(data.eRegid),
    signedPreKey: { keyId: fromBigEndian(data.eSkeyId), publicKey: data.eSkeyVal, signature: data.eSkeySig },
  };
};

/** The IQ that makes Baileys show QR codes: one ref per QR it will rotate through. */
export const pairDeviceNode = (refs: string[]): BinaryNode => ({
  tag: "iq",
  attrs: { from: "s.whatsapp.net", type: "set", xmlns: "md" },
  content: [{ tag: "pair-device", attrs: {}, content: refs.map((ref) => ({ tag: "ref", attrs: {}, content: ref })) }],
});

export type ScannedQr = { ref: string; noiseKey: Buffer; identityKey: Buffer; advSecret: Buffer; platform: string };

/** The QR string Baileys emits: `https://wa.me/settings/linked_devices#ref,noise,identity,adv,platform`. */
export const parseQr = (qr: string): ScannedQr => {
  const [ref, noise, identity, adv, platform] = qr.slice(qr.indexOf("#") + 1).split(",");
  if (!ref || !noise || !identity || !adv) throw new Error(`not a WhatsApp pairing QR: ${qr}`);
  return {
    ref,
    noiseKey: Buffer.from(noise, "base64"),
    identityKey: Buffer.from(identity, "base64"),
    advSecret: Buffer.from(adv, "base64"),
    platform: platform ?? "",
  };
};

/**
 * What the phone does when it scans the QR: it vouches for the new device with its account key (ADV) and
 * wraps that in an HMAC only the holder of the QR's secret can check.
 */
export const pairSuccessNode = (account: Account, device: LinkedDevice, advSecret: Buffer): BinaryNode => {
  const deviceDetails = proto.ADVDeviceIdentity.encode({
    rawId: randomInt(1, 2 ** 31),
    timestamp: Math.floor(Date.now() / 1000),
    keyIndex: device.keyIndex,
  }).finish();
  const accountSignature = Curve.sign(
    account.accountKey.private,
    Buffer.concat([WA_ADV_ACCOUNT_SIG_PREFIX, deviceDetails, device.identityKey]),
  );
  const signedIdentity = proto.ADVSignedDeviceIdentity.encode({
    details: deviceDetails,
    accountSignatureKey: account.accountKey.public,
    accountSignature,
  }).finish();
  const hmacWrapped = proto.ADVSignedDeviceIdentityHMAC.encode({
    details: signedIdentity,
    hmac: hmacSign(signedIdentity, advSecret),
  }).finish();
  return {
    tag: "iq",
    attrs: { from: "s.whatsapp.net", type: "set", t: String(Math.floor(Date.now() / 1000)) },
    content: [
      {
        tag: "pair-success",
        attrs: {},
        content: [
          { tag: "device-identity", attrs: { "key-index": String(device.keyIndex) }, content: hmacWrapped },
          { tag: "platform", attrs: { name: "android" } },
          {
            tag: "device",
            attrs: { jid: pnJid(account.phone, device.device), lid: lidJid(account.lid, device.device) },
          },
        ],
      },
    ],
  };
};

/** The device answers pair-success with the ADV identity it counter-signed; a real server checks that. */
export const verifyPairDeviceSign = (answer: BinaryNode, account: Account, device: LinkedDevice): void => {
  const sign = getBinaryNodeChild(getBinaryNodeChild(answer, "pair-device-sign"), "device-identity");
  if (!(sign?.content instanceof Uint8Array)) throw new Error("pair-success answered without device-identity");
  const identity = proto.ADVSignedDeviceIdentity.decode(sign.content);
  const signed = Buffer.concat([
    WA_ADV_DEVICE_SIG_PREFIX,
    identity.details ?? new Uint8Array(),
    device.identityKey,
    account.accountKey.public,
  ]);
  if (!identity.deviceSignature || !Curve.verify(device.identityKey, signed, identity.deviceSignature)) {
    throw new Error("device signature of the new linked device does not verify");
  }
};
