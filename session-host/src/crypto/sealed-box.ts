// AES-256-GCM for stored session credentials. Each row records the id of the key that sealed it, so a new key
// can be made active while rows sealed under the old one still open (rotation re-seals them on next write).
// The additional data binds a ciphertext to its row: a value copied into another session's row will not open.
export interface Sealed {
  keyId: string;
  iv: Uint8Array;
  ciphertext: Uint8Array;
}

export class SealedBox {
  private readonly keys = new Map<string, Promise<CryptoKey>>();

  constructor(
    rawKeys: Map<string, Uint8Array>,
    private readonly activeKeyId: string,
  ) {
    for (const [id, raw] of rawKeys)
      this.keys.set(
        id,
        crypto.subtle.importKey("raw", new Uint8Array(raw), { name: "AES-GCM" }, false, ["encrypt", "decrypt"]),
      );
    if (!this.keys.has(activeKeyId)) throw new Error(`no encryption key "${activeKeyId}"`);
  }

  async seal(plaintext: Uint8Array, context: string): Promise<Sealed> {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const key = await this.keys.get(this.activeKeyId)!;
    const ciphertext = await crypto.subtle.encrypt(
      { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(context) },
      key,
      new Uint8Array(plaintext),
    );
    return { keyId: this.activeKeyId, iv, ciphertext: new Uint8Array(ciphertext) };
  }

  /** Throws when the key is unknown or the data was altered or moved. */
  async open(sealed: Sealed, context: string): Promise<Uint8Array> {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new Error(`no encryption key "${sealed.keyId}" to open a stored value`);
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: new Uint8Array(sealed.iv), additionalData: new TextEncoder().encode(context) },
      await key,
      new Uint8Array(sealed.ciphertext),
    );
    return new Uint8Array(plain);
  }

  isCurrent(keyId: string): boolean {
    return keyId === this.activeKeyId;
  }
}
