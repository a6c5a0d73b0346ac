// The WhatsApp stand-in as its own process with a small HTTP control API, for tests that run outside Bun (the
// browser suite drives the real app, whose session-host connects here):
//   GET /info → {url, certRootPublicKey}      POST /scan {qr, phone, pushName?}      POST /pairing-code {code, phone}
//   POST /inbound {from, to, text} → {id}      GET /received → {messages, copies}      POST /receipt {id, to, type}
//   POST /disconnect {phone, reason}           GET /online/:phone → {online}
// `PORT` chooses the control port (default: any free one); the first stdout line is the control URL.
import { startWaStandIn, type StandInDisconnect } from "./stand-in";

const standIn = await startWaStandIn();
const json = (data: unknown, status = 200) => Response.json(data, { status });

const server = Bun.serve({
  hostname: "127.0.0.1",
  port: Number(process.env.PORT ?? 0),
  async fetch(req) {
    const { pathname } = new URL(req.url);
    const body = req.method === "POST" ? ((await req.json()) as Record<string, string>) : {};
    try {
      if (pathname === "/info")
        return json({ url: standIn.url, certRootPublicKey: Buffer.from(standIn.certRootPublicKey).toString("base64") });
      if (pathname === "/scan")
        return json(
          await standIn.scanQr(body.qr!, { phone: body.phone!, ...(body.pushName ? { pushName: body.pushName } : {}) }),
        );
      if (pathname === "/pairing-code") return json(await standIn.enterPairingCode(body.code!, { phone: body.phone! }));
      if (pathname === "/inbound")
        return json(await standIn.sendInbound({ from: body.from!, to: body.to!, text: body.text! }));
      if (pathname === "/received")
        return json({
          messages: standIn.received.map(({ id, from, to, text }) => ({ id, from, to, text })),
          copies: standIn.receivedCopies.length,
        });
      if (pathname === "/receipt") {
        standIn.sendReceipt({ id: body.id!, to: body.to!, type: body.type as "delivery" | "read" });
        return json({ ok: true });
      }
      if (pathname === "/disconnect") {
        standIn.disconnect(body.phone!, body.reason as StandInDisconnect);
        return json({ ok: true });
      }
      if (pathname.startsWith("/online/")) return json({ online: standIn.isOnline(pathname.slice(8)) });
      return json({ error: "no such route" }, 404);
    } catch (error) {
      return json({ error: (error as Error).message }, 400);
    }
  },
});

console.log(`http://127.0.0.1:${server.port}`);
const stop = async () => {
  await server.stop(true);
  await standIn.close();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
