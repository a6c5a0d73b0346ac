import {
  aesDecryptGCM,
  aesEncryptGCM,
  Curve,
  hkdf,
  type KeyPair,
  NOISE_MODE,
  NOISE_WA_HEADER,
  proto,
  sha256,
  WA_CERT_DETAILS,
} from "@whiskeysockets/baileys";

/**
 * WhatsApp's certificate chain, issued by a root the stand-in owns. Baileys checks the intermediate against
 * `WA_CERT_DETAILS.PUBLIC_KEY`, so tests install `rootPublicKey` there.
 */
export type CertAuthority = { rootPublicKey: Uint8Array; serverStatic: KeyPair; chain: Uint8Array };

export const createCertAuthority = (): CertAuthority => {
  const root = Curve.generateKeyPair();
  const intermediate = Curve.generateKeyPair();
  const serverStatic = Curve.generateKeyPair();
  const now = Math.floor(Date.now() / 1000);
  const details = (serial: number, issuerSerial: number, key: Uint8Array) =>
    proto.CertChain.NoiseCertificate.Details.encode({
      serial,
      issuerSerial,
      key,
      notBefore: now - 3600,
      notAfter: now + 86_400,
    }).finish();
  const intermediateDetails = details(1, WA_CERT_DETAILS.SERIAL, intermediate.public);
  const leafDetails = details(2, 1, serverStatic.public);
  const chain = proto.CertChain.encode({
    intermediate: { details: intermediateDetails, signature: Curve.sign(root.private, intermediateDetails) },
    leaf: { details: leafDetails, signature: Curve.sign(intermediate.private, leafDetails) },
  }).finish();
  return { rootPublicKey: new Uint8Array(root.public), serverStatic, chain };
};

const iv = (counter: number) => {
  const bytes = new Uint8Array(12);
  new DataView(bytes.buffer).setUint32(8, counter);
  return bytes;
};

/** One direction of the post-handshake transport: AES-GCM with a per-direction message counter as IV. */
class TransportCipher {
  private counter = 0;
  constructor(private readonly key: Buffer) {}
  encrypt = (plain: Uint8Array) => aesEncryptGCM(plain, this.key, iv(this.counter++), Buffer.alloc(0));
  decrypt = (cipher: Uint8Array) => aesDecryptGCM(cipher, this.key, iv(this.counter++), Buffer.alloc(0));
}

/**
 * The responder side of Noise_XX_25519_AESGCM_SHA256 exactly as Baileys' noise-handler runs the initiator side:
 * same hash chaining, one shared IV counter during the handshake, reset on every key mix.
 */
export class NoiseResponder {
  private hash: Buffer;
  private salt: Buffer;
  private key: Buffer;
  private counter = 0;
  private readonly ephemeral = Curve.generateKeyPair();
  private sender?: TransportCipher;
  private receiver?: TransportCipher;
  /** The client's long-term noise key, known once the handshake finished. */
  clientStatic?: Uint8Array;

  constructor(private readonly authority: CertAuthority) {
    this.hash = Buffer.from(NOISE_MODE);
    this.salt = this.hash;
    this.key = this.hash;
    this.authenticate(NOISE_WA_HEADER);
  }

  /** clientHello → serverHello bytes (a HandshakeMessage). */
  respondToHello(clientHello: Uint8Array): Uint8Array {
    const { clientHello: hello } = proto.HandshakeMessage.decode(clientHello);
    if (!hello?.ephemeral) throw new Error("client hello without ephemeral key");
    const clientEphemeral = hello.ephemeral;
    this.authenticate(clientEphemeral);
    this.authenticate(this.ephemeral.public);
    this.mixIntoKey(Curve.sharedKey(this.ephemeral.private, clientEphemeral));
    const staticEnc = this.encrypt(this.authority.serverStatic.public);
    this.mixIntoKey(Curve.sharedKey(this.authority.serverStatic.private, clientEphemeral));
    const payload = this.encrypt(this.authority.chain);
    return proto.HandshakeMessage.encode({
      serverHello: { ephemeral: this.ephemeral.public, static: staticEnc, payload },
    }).finish();
  }

  /** clientFinish → the ClientPayload (login or registration); switches to transport mode. */
  finish(clientFinish: Uint8Array): proto.ClientPayload {
    const { clientFinish: fin } = proto.HandshakeMessage.decode(clientFinish);
    if (!fin?.static || !fin.payload) throw new Error("client finish without static key or payload");
    this.clientStatic = this.decrypt(fin.static);
    this.mixIntoKey(Curve.sharedKey(this.ephemeral.private, this.clientStatic));
    const payload = proto.ClientPayload.decode(this.decrypt(fin.payload));
    const keys = hkdf(Buffer.alloc(0), 64, { salt: this.salt, info: "" });
    // the initiator writes with the first half and reads with the second: the responder mirrors it
    this.receiver = new TransportCipher(Buffer.from(keys.subarray(0, 32)));
    this.sender = new TransportCipher(Buffer.from(keys.subarray(32)));
    return payload;
  }

  get inTransport(): boolean {
    return this.sender !== undefined;
  }

  encryptFrame(plain: Uint8Array): Uint8Array {
    if (!this.sender) throw new Error("handshake not finished");
    return this.sender.encrypt(plain);
  }

  decryptFrame(cipher: Uint8Array): Uint8Array {
    if (!this.receiver) throw new Error("handshake not finished");
    return this.receiver.decrypt(cipher);
  }

  private authenticate(data: Uint8Array) {
    this.hash = sha256(Buffer.concat([this.hash, data]));
  }

  private encrypt(plain: Uint8Array) {
    const result = aesEncryptGCM(plain, this.key, iv(this.counter++), this.hash);
    this.authenticate(result);
    return result;
  }

  private decrypt(cipher: Uint8Array) {
    const result = aesDecryptGCM(cipher, this.key, iv(this.counter++), this.hash);
    this.authenticate(cipher);
    return result;
  }

  private mixIntoKey(data: Uint8Array) {
    const keys = hkdf(Buffer.from(data), 64, { salt: this.salt, info: "" });
    this.salt = Buffer.from(keys.subarray(0, 32));
    this.key = Buffer.from(keys.subarray(32));
    this.counter = 0;
  }
}

/** Splits the WebSocket byte stream into WhatsApp frames (3-byte big-endian length prefix). */
export class FrameReader {
  private buffer = Buffer.alloc(0);
  private sawIntro = false;

  push(data: Uint8Array): Uint8Array[] {
    this.buffer = Buffer.concat([this.buffer, data]);
    if (!this.sawIntro) {
      if (this.buffer.length < NOISE_WA_HEADER.length) return [];
      // the client opens with the "WA" header (no routing info: the stand-in never sends edge_routing)
      if (!this.buffer.subarray(0, NOISE_WA_HEADER.length).equals(NOISE_WA_HEADER)) {
        throw new Error("stream does not start with the WA noise header");
      }
      this.buffer = this.buffer.subarray(NOISE_WA_HEADER.length);
      this.sawIntro = true;
    }
    const frames: Uint8Array[] = [];
    while (this.buffer.length >= 3) {
      const size = (this.buffer[0]! << 16) | (this.buffer[1]! << 8) | this.buffer[2]!;
      if (this.buffer.length < size + 3) break;
      frames.push(this.buffer.subarray(3, size + 3));
      this.buffer = this.buffer.subarray(size + 3);
    }
    return frames;
  }
}

export const frame = (data: Uint8Array): Uint8Array => {
  const out = new Uint8Array(data.length + 3);
  out[0] = (data.length >>> 16) & 0xff;
  out[1] = (data.length >>> 8) & 0xff;
  out[2] = data.length & 0xff;
  out.set(data, 3);
  return out;
};
