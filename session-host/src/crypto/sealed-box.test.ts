import { describe, expect, test } from "bun:test";
import { SealedBox } from "./sealed-box";

const key = (fill: number) => new Uint8Array(32).fill(fill);
const plain = new TextEncoder().encode('{"noiseKey":"secret material"}');

describe("sealed values", () => {
  test("open what was sealed, and the ciphertext does not contain the plaintext", async () => {
    const box = new SealedBox(new Map([["k1", key(1)]]), "k1");
    const sealed = await box.seal(plain, "session-a/creds/creds");
    expect(Buffer.from(sealed.ciphertext).includes(Buffer.from("secret material"))).toBe(false);
    expect(await box.open(sealed, "session-a/creds/creds")).toEqual(plain);
  });

  test("a value moved to another row or altered does not open", async () => {
    const box = new SealedBox(new Map([["k1", key(1)]]), "k1");
    const sealed = await box.seal(plain, "session-a/creds/creds");
    expect(box.open(sealed, "session-b/creds/creds")).rejects.toThrow();
    const altered = { ...sealed, ciphertext: sealed.ciphertext.map((b, i) => (i === 0 ? b ^ 1 : b)) };
    expect(box.open(altered, "session-a/creds/creds")).rejects.toThrow();
  });

  test("after rotation old rows still open and new rows use the new key", async () => {
    const old = new SealedBox(new Map([["k1", key(1)]]), "k1");
    const sealed = await old.seal(plain, "ctx");
    const rotated = new SealedBox(
      new Map([
        ["k1", key(1)],
        ["k2", key(2)],
      ]),
      "k2",
    );
    expect(await rotated.open(sealed, "ctx")).toEqual(plain);
    expect((await rotated.seal(plain, "ctx")).keyId).toBe("k2");
    const retired = new SealedBox(new Map([["k2", key(2)]]), "k2");
    expect(retired.open(sealed, "ctx")).rejects.toThrow(/no encryption key "k1"/);
  });
});
