import { type BinaryNode, decodeBinaryNode, encodeBinaryNode, type proto } from "@whiskeysockets/baileys";
import type { ServerWebSocket } from "bun";
import { type CertAuthority, FrameReader, frame, NoiseResponder } from "./noise-server.ts";

export type ConnectionHandler = {
  onLogin(conn: ClientConnection, payload: proto.ClientPayload): void | Promise<void>;
  onNode(conn: ClientConnection, node: BinaryNode): void | Promise<void>;
  onClose(conn: ClientConnection): void;
  onError(conn: ClientConnection, error: unknown): void;
};

let connectionCounter = 0;

/** One WebSocket from a Baileys client: Noise handshake, then encrypted binary nodes both ways. */
export class ClientConnection {
  readonly id = ++connectionCounter;
  /** set once the client logged in (or, while pairing, once it registered) */
  phone?: string;
  device?: number;
  /** a blackholed connection stays open but neither answers nor sends (a dead network path) */
  blackholed = false;
  closed = false;
  private readonly noise: NoiseResponder;
  private readonly reader = new FrameReader();
  private stage: "hello" | "finish" | "transport" = "hello";
  private inbox: Promise<void> = Promise.resolve();
  private readonly waiting = new Map<string, (node: BinaryNode) => void>();
  private tag = 0;

  constructor(
    private readonly ws: ServerWebSocket<unknown>,
    authority: CertAuthority,
    private readonly handler: ConnectionHandler,
  ) {
    this.noise = new NoiseResponder(authority);
  }

  /** the client's long-term noise key, which identifies a linked device at login */
  get noiseKey(): Uint8Array {
    if (!this.noise.clientStatic) throw new Error("handshake not finished");
    return this.noise.clientStatic;
  }

  receive(data: Uint8Array): void {
    if (this.blackholed || this.closed) return;
    try {
      for (const bytes of this.reader.push(data)) this.receiveFrame(bytes);
    } catch (error) {
      this.handler.onError(this, error);
      this.close();
    }
  }

  send(node: BinaryNode): void {
    if (this.blackholed || this.closed || this.stage !== "transport") return;
    this.ws.send(frame(this.noise.encryptFrame(encodeBinaryNode(node))));
  }

  /** A server-initiated IQ; resolves with the client's answer (matched by id). */
  query(node: BinaryNode, timeoutMs = 5_000): Promise<BinaryNode> {
    const id = node.attrs.id ?? `standin-${this.id}-${++this.tag}`;
    node.attrs.id = id;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`client did not answer ${node.tag} ${id}`));
      }, timeoutMs);
      this.waiting.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      this.send(node);
    });
  }

  nextId(): string {
    return `standin-${this.id}-${++this.tag}`;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.ws.close();
  }

  private receiveFrame(bytes: Uint8Array): void {
    if (this.stage === "hello") {
      this.stage = "finish";
      this.ws.send(frame(this.noise.respondToHello(bytes)));
      return;
    }
    if (this.stage === "finish") {
      const payload = this.noise.finish(bytes);
      this.stage = "transport";
      this.enqueue(() => this.handler.onLogin(this, payload));
      return;
    }
    // decrypt now (the counter must follow arrival order), decode and handle strictly in order
    const plain = Buffer.from(this.noise.decryptFrame(bytes));
    this.enqueue(async () => {
      const node = await decodeBinaryNode(plain);
      const answer = node.tag === "iq" && node.attrs.id ? this.waiting.get(node.attrs.id) : undefined;
      if (answer && (node.attrs.type === "result" || node.attrs.type === "error")) {
        this.waiting.delete(node.attrs.id!);
        answer(node);
        return;
      }
      await this.handler.onNode(this, node);
    });
  }

  private enqueue(task: () => void | Promise<void>): void {
    this.inbox = this.inbox.then(task).catch((error) => this.handler.onError(this, error));
  }
}
