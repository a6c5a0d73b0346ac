// The plumbing every provider fake shares: read a request whole, answer JSON (or text), listen on a free port.
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeRequest {
  req: IncomingMessage;
  url: URL;
  text: string;
  send(status: number, payload?: unknown, headers?: Record<string, string>): void;
}

export async function serveFake(handle: (r: FakeRequest) => unknown | Promise<unknown>) {
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, {
        "content-type": typeof payload === "string" ? "text/plain" : "application/json",
        ...headers,
      });
      res.end(payload === undefined ? "" : typeof payload === "string" ? payload : JSON.stringify(payload));
    };
    await handle({ req, url: new URL(req.url!, "http://fake"), text: Buffer.concat(chunks).toString("utf8"), send });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
