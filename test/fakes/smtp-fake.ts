// A plain-text SMTP server on loopback (RFC 5321's submission dialogue, AUTH PLAIN), like a local Mailpit,
// plus an HTTP endpoint listing what it received, so tests inside workerd can check delivered mail.
// RCPT to an address at `reject.example` is refused with 550, to exercise delivery failures.
import { createServer } from "node:net";
import type { AddressInfo, Socket } from "node:net";
import { serveFake } from "./fake-http";

export const FAKE_SMTP_USER = "mailer@app.example";
export const FAKE_SMTP_PASSWORD = "smtp-secret";

interface Received {
  auth: string | null;
  from: string;
  to: string[];
  data: string;
}

export async function startSmtpFake() {
  const received: Received[] = [];
  const server = createServer((socket: Socket) => {
    let buffer = "";
    let inData = false;
    let current: Received = { auth: null, from: "", to: [], data: "" };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 fake-smtp ready");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      let end: number;
      while ((end = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            received.push(current);
            current = { auth: current.auth, from: "", to: [], data: "" };
            reply("250 2.0.0 queued");
          } else {
            current.data += `${line.startsWith("..") ? line.slice(1) : line}\r\n`;
          }
          continue;
        }
        const verb = line.split(" ")[0]!.toUpperCase();
        if (verb === "EHLO") socket.write("250-fake-smtp\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n");
        else if (verb === "AUTH") {
          const decoded = Buffer.from(line.split(" ")[2] ?? "", "base64").toString("utf8");
          const ok = decoded === `\0${FAKE_SMTP_USER}\0${FAKE_SMTP_PASSWORD}`;
          current.auth = ok ? FAKE_SMTP_USER : null;
          reply(ok ? "235 2.7.0 accepted" : "535 5.7.8 bad credentials");
        } else if (verb === "MAIL") {
          current.from = /<(.*)>/.exec(line)?.[1] ?? "";
          reply(current.auth ? "250 ok" : "530 5.7.0 authentication required");
        } else if (verb === "RCPT") {
          const to = /<(.*)>/.exec(line)?.[1] ?? "";
          if (to.endsWith("@reject.example")) reply("550 5.1.1 no such user");
          else {
            current.to.push(to);
            reply("250 ok");
          }
        } else if (verb === "DATA") {
          inData = true;
          reply("354 end with .");
        } else if (verb === "QUIT") {
          reply("221 bye");
          socket.end();
        } else reply("502 not implemented");
      }
    });
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const inbox = await serveFake(({ send }) => send(200, { messages: received }));
  return {
    url: `smtp://${encodeURIComponent(FAKE_SMTP_USER)}:${FAKE_SMTP_PASSWORD}@127.0.0.1:${port}?tls=off`,
    inboxUrl: `${inbox.base}/messages`,
    close: async () => {
      await inbox.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
