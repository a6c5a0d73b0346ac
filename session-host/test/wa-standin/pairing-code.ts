import { randomBytes } from "node:crypto";
import {
  aesDecryptCTR,
  aesDecryptGCM,
  aesEncryptCTR,
  type BinaryNode,
  Curve,
  derivePairingCodeKey,
  getBinaryNodeChild,
  getBinaryNodeChildBuffer,
  hkdf,
} from "@whiskeysockets/baileys";
import type { ClientConnection } from "./connection.ts";
import type { Account } from "./directory.ts";
import { iqResult } from "./iq-handlers.ts";

type CodeRequest = {
  conn: ClientConnection;
  ref: string;
  /** the client's pairing ephemeral key, encrypted under a key derived from the code it shows */
  wrappedEphemeral: Buffer;
  finish?: (node: BinaryNode) => void;
};

const required = (node: BinaryNode | undefined, tag: string): Buffer => {
  const value = getBinaryNodeChildBuffer(node, tag);
  if (!value) throw new Error(`link_code_companion_reg without ${tag}`);
  return Buffer.from(value);
};

/** Wraps a key like the pairing-code flow does: salt(32) ‖ iv(16) ‖ AES-CTR(key from PBKDF2(code, salt)). */
const wrap = async (code: string, key: Uint8Array) => {
  const salt = randomBytes(32);
  const iv = randomBytes(16);
  return Buffer.concat([salt, iv, aesEncryptCTR(key, await derivePairingCodeKey(code, salt), iv)]);
};

const unwrap = async (code: string, wrapped: Buffer) =>
  aesDecryptCTR(
    wrapped.subarray(48, 80),
    await derivePairingCodeKey(code, wrapped.subarray(0, 32)),
    wrapped.subarray(32, 48),
  );

/**
 * The "link with phone number" flow: the client shows an 8-character code, the user types it on the phone,
 * both sides derive the ADV secret from an exchange encrypted under that code (instead of reading it off a QR).
 */
export class LinkCodePairing {
  private readonly requests = new Map<string, CodeRequest>();

  /** `md` IQs with `link_code_companion_reg`: companion_hello (client asks for a code) and companion_finish. */
  onIq(conn: ClientConnection, iq: BinaryNode): BinaryNode {
    const reg = getBinaryNodeChild(iq, "link_code_companion_reg")!;
    const phone = (reg.attrs.jid ?? "").split("@")[0]!.split(":")[0]!;
    if (reg.attrs.stage === "companion_hello") {
      const ref = randomBytes(16).toString("hex");
      this.requests.set(phone, {
        conn,
        ref,
        wrappedEphemeral: required(reg, "link_code_pairing_wrapped_companion_ephemeral_pub"),
      });
      return iqResult(iq, [
        {
          tag: "link_code_companion_reg",
          attrs: {},
          content: [{ tag: "link_code_pairing_ref", attrs: {}, content: ref }],
        },
      ]);
    }
    if (reg.attrs.stage === "companion_finish") this.requests.get(phone)?.finish?.(reg);
    return iqResult(iq);
  }

  /** The phone of `account` accepts `code`; resolves with the connection to pair and the shared ADV secret. */
  async enterCode(code: string, account: Account): Promise<{ conn: ClientConnection; advSecret: Buffer }> {
    // requestPairingCode() returns before its companion_hello is here; a human typing the code takes longer
    const request = await waitForValue(() => this.requests.get(account.phone), 2_000);
    if (!request) throw new Error(`no client asked for a pairing code for ${account.phone}`);
    const companionEphemeral = await unwrap(code, request.wrappedEphemeral);
    const primaryEphemeral = Curve.generateKeyPair();
    const finished = new Promise<BinaryNode>((resolve) => (request.finish = resolve));
    request.conn.send({
      tag: "notification",
      attrs: { from: "s.whatsapp.net", id: request.conn.nextId(), type: "link_code_companion_reg", t: now() },
      content: [
        {
          tag: "link_code_companion_reg",
          attrs: { stage: "primary_hello" },
          content: [
            { tag: "link_code_pairing_ref", attrs: {}, content: request.ref },
            { tag: "primary_identity_pub", attrs: {}, content: account.accountKey.public },
            {
              tag: "link_code_pairing_wrapped_primary_ephemeral_pub",
              attrs: {},
              content: await wrap(code, primaryEphemeral.public),
            },
          ],
        },
      ],
    });
    const finish = await withTimeout(finished, 5_000, "companion_finish");
    const bundle = required(finish, "link_code_pairing_wrapped_key_bundle");
    const companionShared = Curve.sharedKey(primaryEphemeral.private, companionEphemeral);
    const bundleKey = hkdf(companionShared, 32, {
      salt: bundle.subarray(0, 32),
      info: "link_code_pairing_key_bundle_encryption_key",
    });
    let payload: Buffer;
    try {
      payload = aesDecryptGCM(bundle.subarray(44), bundleKey, bundle.subarray(32, 44), Buffer.alloc(0));
    } catch {
      throw new Error("wrong pairing code: the client's key bundle does not decrypt");
    }
    const companionIdentity = payload.subarray(0, 32);
    const identityShared = Curve.sharedKey(account.accountKey.private, companionIdentity);
    const advSecret = Buffer.from(
      hkdf(Buffer.concat([companionShared, identityShared, payload.subarray(64, 96)]), 32, { info: "adv_secret" }),
    );
    this.requests.delete(account.phone);
    return { conn: request.conn, advSecret };
  }
}

const waitForValue = async <T>(read: () => T | undefined, ms: number): Promise<T | undefined> => {
  const until = Date.now() + ms;
  let value = read();
  while (value === undefined && Date.now() < until) {
    await Bun.sleep(5);
    value = read();
  }
  return value;
};

const now = () => String(Math.floor(Date.now() / 1000));

const withTimeout = async <T>(promise: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`client never sent ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
};
