// Opening live-room sockets against the Worker inside workerd, as browsers and integrations do.
import { SELF, env } from "cloudflare:test";
import { getServerByName } from "partyserver";
import { expect } from "vitest";
import type { LiveEvent, LiveRoom } from "../../durable-objects/live-room";
import { roomName } from "../../workers/realtime/room-access";
import { BASE, call } from "./api-client";
import type { TestUser } from "./auth";

export const APP_ORIGIN = BASE;

export function roomUrl(room: string, party = "live-room"): string {
  return `${BASE}/parties/${party}/${room}`;
}

/** The raw handshake: its status is what a refused client sees. */
export function upgrade(
  room: string,
  headers: Record<string, string> = {},
  query = "",
  party = "live-room",
): Promise<Response> {
  return SELF.fetch(`${roomUrl(room, party)}${query}`, { headers: { Upgrade: "websocket", ...headers } });
}

export interface OpenSocket {
  ws: WebSocket;
  messages: LiveEvent[];
  /** Resolves with the close code when the server closes the socket. */
  closed: Promise<number>;
}

/** Opens, accepts and waits for the room's `ready`, recording every later message. */
export async function connect(
  room: string,
  headers: Record<string, string>,
  query = "",
  party = "live-room",
): Promise<OpenSocket> {
  const res = await upgrade(room, headers, query, party);
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  const messages: LiveEvent[] = [];
  let ready!: () => void;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  ws.addEventListener("message", (event) => {
    const msg = JSON.parse(event.data as string) as LiveEvent;
    if (msg.type === "ready") ready();
    else messages.push(msg);
  });
  const closed = new Promise<number>((resolve) => ws.addEventListener("close", (event) => resolve(event.code)));
  ws.accept();
  await isReady;
  return { ws, messages, closed };
}

/** Resolves with the close code, or rejects when the socket is still open after `ms`. */
export function closedWithin(socket: OpenSocket, ms: number): Promise<number> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`socket still open after ${ms} ms`)), ms)),
  );
  return Promise.race([socket.closed, timeout]).finally(() => clearTimeout(timer));
}

export async function publish(room: string, event: LiveEvent): Promise<number> {
  const stub = await getServerByName<Env, LiveRoom>(env.LiveRoom, room);
  return stub.publish(event);
}

export async function personalRoom(
  user: TestUser,
  topic = `board-${crypto.randomUUID().slice(0, 8)}`,
): Promise<string> {
  const me = await call("/api/me", { headers: user.headers });
  return roomName(me.body.workspace.id, topic);
}

/**
 * A browser-like WebSocket for partysocket that reaches the Worker through SELF: like a browser, a refused
 * handshake surfaces only as `error` then close 1006, never its HTTP status.
 */
export function selfWebSocketClass(origin = APP_ORIGIN, attempts: string[] = []) {
  return class SelfWebSocket extends EventTarget {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    readyState = 0;
    binaryType = "blob";
    #ws: WebSocket | undefined;

    constructor(readonly url: string) {
      super();
      attempts.push(url);
      void SELF.fetch(url.replace(/^ws/, "http"), { headers: { Upgrade: "websocket", Origin: origin } }).then((res) => {
        if (res.status !== 101 || !res.webSocket) {
          this.readyState = 3;
          this.dispatchEvent(new Event("error"));
          this.dispatchEvent(new CloseEvent("close", { code: 1006, reason: "" }));
          return;
        }
        this.#ws = res.webSocket;
        this.#ws.addEventListener("message", (e) => this.dispatchEvent(new MessageEvent("message", { data: e.data })));
        this.#ws.addEventListener("close", (e) => {
          this.readyState = 3;
          this.dispatchEvent(new CloseEvent("close", { code: e.code, reason: e.reason }));
        });
        this.#ws.accept();
        this.readyState = 1;
        this.dispatchEvent(new Event("open"));
      });
    }

    send(data: string) {
      this.#ws?.send(data);
    }

    close(code?: number, reason?: string) {
      this.readyState = 3;
      this.#ws?.close(code, reason);
    }
  };
}
