import {
  type BinaryNode,
  getAllBinaryNodeChildren,
  getBinaryNodeChild,
  getBinaryNodeChildBuffer,
  getBinaryNodeChildren,
} from "@whiskeysockets/baileys";
import type { ClientConnection } from "./connection.ts";
import type { Directory, LinkedDevice } from "./directory.ts";
import type { LinkCodePairing } from "./pairing-code.ts";
import { fromBigEndian, keyBundleUser, usyncUser } from "./usync.ts";

/** What the IQ handlers need from the stand-in beyond the directory. */
export type IqContext = {
  directory: Directory;
  linkCode: LinkCodePairing;
  deviceOf(conn: ClientConnection): LinkedDevice | undefined;
  /** `passive active`: the client is ready for its offline queue */
  onActive(conn: ClientConnection): void;
  /** `remove-companion-device`: the client logs itself out */
  onLogout(conn: ClientConnection): void;
  unhandled: BinaryNode[];
};

const now = () => String(Math.floor(Date.now() / 1000));

export const iqResult = (request: BinaryNode, content?: BinaryNode[]): BinaryNode => ({
  tag: "iq",
  attrs: { from: "s.whatsapp.net", id: request.attrs.id!, type: "result" },
  ...(content ? { content } : {}),
});

const iqError = (request: BinaryNode, code: number, text: string): BinaryNode => ({
  tag: "iq",
  attrs: { from: "s.whatsapp.net", id: request.attrs.id!, type: "error" },
  content: [{ tag: "error", attrs: { code: String(code), text } }],
});

/** Features the stand-in deliberately does not fake: an explicit error beats a plausible wrong answer. */
const NOT_IMPLEMENTED = new Set(["w:g2", "newsletter", "w:biz", "w:biz:catalog", "fb:thrift_iq", "w:mex"]);

/** Answers one client IQ the way WhatsApp's server would, for the namespaces a session uses. */
export const answerIq = (ctx: IqContext, conn: ClientConnection, iq: BinaryNode): BinaryNode => {
  const xmlns = iq.attrs.xmlns ?? "";
  const [child] = getAllBinaryNodeChildren(iq);
  switch (xmlns) {
    case "encrypt":
      return encryptIq(ctx, conn, iq, child);
    case "usync": {
      const usync = getBinaryNodeChild(iq, "usync");
      const protocols = getAllBinaryNodeChildren(getBinaryNodeChild(usync, "query")!).map((p) => p.tag);
      const users = getBinaryNodeChildren(getBinaryNodeChild(usync, "list"), "user");
      return iqResult(iq, [
        {
          tag: "usync",
          attrs: { ...usync?.attrs, last: "true" },
          content: [
            { tag: "result", attrs: {} },
            { tag: "list", attrs: {}, content: users.map((u) => usyncUser(ctx.directory, u, protocols)) },
          ],
        },
      ]);
    }
    case "passive":
      if (child?.tag === "active") queueMicrotask(() => ctx.onActive(conn));
      return iqResult(iq);
    case "md":
      if (child?.tag === "link_code_companion_reg") return ctx.linkCode.onIq(conn, iq);
      if (child?.tag === "remove-companion-device") queueMicrotask(() => ctx.onLogout(conn));
      return iqResult(iq);
    case "w:p":
    case "w:stats":
    case "status":
    case "disappearing_mode":
    case "urn:xmpp:whatsapp:dirty":
      return iqResult(iq);
    case "abt":
      return iqResult(iq, [{ tag: "props", attrs: { protocol: "1", hash: "standin" }, content: [] }]);
    case "blocklist":
      return iqResult(iq, [{ tag: "list", attrs: {}, content: [] }]);
    case "privacy":
      return privacyIq(iq, child);
    case "w:profile:picture": {
      const target = ctx.directory.resolve(iq.attrs.target ?? "");
      if (!target) return iqError(iq, 404, "item-not-found");
      const url =
        target.party.kind === "contact"
          ? target.party.contact.pictureUrl
          : `https://pps.whatsapp.net/v/t61/${target.party.account.phone}.jpg`;
      return iqResult(iq, [
        { tag: "picture", attrs: { id: "1", type: "image", url, direct_path: new URL(url).pathname } },
      ]);
    }
    case "w:sync:app:state": {
      // the account has no app state: every collection is empty at version 0
      const collections = getBinaryNodeChildren(getBinaryNodeChild(iq, "sync"), "collection");
      const content = collections.map((c) => ({ tag: "collection", attrs: { name: c.attrs.name!, version: "0" } }));
      return iqResult(iq, [{ tag: "sync", attrs: {}, content }]);
    }
    case "w:m":
      return iqResult(iq, [
        {
          tag: "media_conn",
          attrs: { auth: "standin", ttl: "3600", auth_ttl: "3600", max_buckets: "1" },
          content: [{ tag: "host", attrs: { hostname: "mmg.whatsapp.net", maxContentLengthBytes: "104857600" } }],
        },
      ]);
    default:
      if (NOT_IMPLEMENTED.has(xmlns)) return iqError(iq, 501, "feature-not-implemented");
      ctx.unhandled.push(iq);
      return iqResult(iq);
  }
};

const encryptIq = (ctx: IqContext, conn: ClientConnection, iq: BinaryNode, child?: BinaryNode): BinaryNode => {
  const device = ctx.deviceOf(conn);
  switch (child?.tag) {
    case "count":
      return iqResult(iq, [{ tag: "count", attrs: { value: String(device?.preKeys.size ?? 0) } }]);
    case "digest":
      return iqResult(iq, [
        { tag: "digest", attrs: {}, content: [{ tag: "type", attrs: {}, content: new Uint8Array([5]) }] },
      ]);
    case "key": {
      const wanted = getBinaryNodeChildren(child, "user").map((u) => u.attrs.jid!);
      const users = wanted.flatMap((jid) => keyBundleUser(ctx.directory, jid) ?? []);
      return iqResult(iq, [{ tag: "list", attrs: {}, content: users }]);
    }
    case "rotate": {
      const skey = getBinaryNodeChild(child, "skey");
      if (device && skey) device.signedPreKey = readSignedPreKey(skey);
      return iqResult(iq);
    }
    default: {
      // pre-key upload: registration, type, identity, list of keys, skey
      if (!device) return iqError(iq, 401, "not-authorized");
      for (const key of getBinaryNodeChildren(getBinaryNodeChild(iq, "list"), "key")) {
        const id = fromBigEndian(getBinaryNodeChildBuffer(key, "id"));
        const value = getBinaryNodeChildBuffer(key, "value");
        if (value) device.preKeys.set(id, new Uint8Array(value));
      }
      const skey = getBinaryNodeChild(iq, "skey");
      if (skey) device.signedPreKey = readSignedPreKey(skey);
      return iqResult(iq);
    }
  }
};

const readSignedPreKey = (skey: BinaryNode): LinkedDevice["signedPreKey"] => ({
  keyId: fromBigEndian(getBinaryNodeChildBuffer(skey, "id")),
  publicKey: new Uint8Array(getBinaryNodeChildBuffer(skey, "value") ?? []),
  signature: new Uint8Array(getBinaryNodeChildBuffer(skey, "signature") ?? []),
});

const PRIVACY = {
  readreceipts: "all",
  last: "all",
  online: "all",
  profile: "all",
  status: "all",
  groupadd: "all",
  calladd: "all",
  messages: "all",
};

const privacyIq = (iq: BinaryNode, child?: BinaryNode): BinaryNode => {
  if (child?.tag === "tokens") {
    // privacy tokens the account issues to a contact: WhatsApp echoes them back with a timestamp
    const tokens = getBinaryNodeChildren(child, "token").map((t) => ({
      tag: "token",
      attrs: { jid: t.attrs.jid!, t: t.attrs.t ?? now(), type: "trusted_contact" },
      content: new TextEncoder().encode(`standin-token-${t.attrs.jid}`),
    }));
    return iqResult(iq, [{ tag: "tokens", attrs: {}, content: tokens }]);
  }
  if (iq.attrs.type === "get") {
    const categories = Object.entries(PRIVACY).map(([name, value]) => ({ tag: "category", attrs: { name, value } }));
    return iqResult(iq, [{ tag: "privacy", attrs: {}, content: categories }]);
  }
  return iqResult(iq);
};
