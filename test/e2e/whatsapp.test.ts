// WhatsApp end to end, in a real browser against the built app: the app's session-host runs real Baileys against
// the loopback WhatsApp stand-in, whose control API plays the phones. The rep's phone scans the QR the page draws
// (decoded from the page's own pixels), a lead writes and the message lands in the inbox, the rep answers from the
// inbox and the lead's phone decrypts it, and delivered/read ticks follow live.
import jsQR from "jsqr";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { signUpInBrowser, useBrowserPage } from "../support/browser.ts";
import { eventually } from "../support/eventually.ts";
import { standInPhones } from "../support/wa-stand-in.ts";

const baseUrl = inject("baseUrl");
const phones = standInPhones(inject("standInUrl"));
const t = useBrowserPage();

/** What a phone's camera would read: the QR drawn on the page, rasterised from its SVG and decoded. */
async function scanQrOnScreen(page: Page, label: RegExp): Promise<string> {
  const svg = page.getByRole("img", { name: label });
  await svg.waitFor({ timeout: 30_000 });
  const pixels = await svg.evaluate(async (el) => {
    const scale = 8;
    const box = (el as SVGSVGElement).viewBox.baseVal;
    const canvas = document.createElement("canvas");
    canvas.width = box.width * scale;
    canvas.height = box.height * scale;
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(el))}`;
    await img.decode();
    const ctx = canvas.getContext("2d")!;
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height);
    return { width: data.width, height: data.height, data: Array.from(data.data) };
  });
  const code = jsQR(new Uint8ClampedArray(pixels.data), pixels.width, pixels.height);
  if (!code) throw new Error("the QR on the page could not be read");
  return code.data;
}

function seedLead(page: Page, fullName: string, phone: string) {
  return page.evaluate(
    async ({ fullName, phone }) => {
      const res = await fetch("/api/leads", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ fullName, companyName: "Acme", phone }),
      });
      return ((await res.json()) as { lead: { id: string } }).lead.id;
    },
    { fullName, phone },
  );
}

describe("WhatsApp", () => {
  it("links a number by scanning the page's QR, receives a lead's message, answers it, and shows the receipts", {
    timeout: 120_000,
  }, async () => {
    const account = `49151${String(Date.now()).slice(-7)}`;
    const lead = `49176${String(Date.now() + 7).slice(-7)}`;
    await signUpInBrowser(t.page, baseUrl);
    await t.page.goto(`${baseUrl}/dashboard/channels`, { waitUntil: "networkidle" });
    await t.page.getByRole("button", { name: "Connect WhatsApp" }).click();
    await t.page.getByLabel(/A name for this number/).fill("Sales phone");
    await t.page.getByRole("button", { name: "Continue" }).click();

    const qr = await scanQrOnScreen(t.page, /QR code to link Sales phone/);
    expect(qr).toMatch(/^https:\/\/wa\.me\/settings\/linked_devices#/);
    await phones.scan(qr, account);
    await t.page.getByText("Connected").waitFor({ timeout: 30_000 });
    await t.page.getByText(`+${account}`).first().waitFor();

    const leadId = await seedLead(t.page, "Lina Phone", `+${lead}`);
    const inbound = await phones.write(lead, account, "Hi! Saw your offer, can we talk?");
    await t.page.goto(`${baseUrl}/dashboard/inbox?lead=${leadId}`, { waitUntil: "networkidle" });
    await t.page.getByText("Hi! Saw your offer, can we talk?").waitFor({ timeout: 30_000 });
    expect(inbound.id).toBeTruthy();

    await expect(t.page.getByLabel("Send via").inputValue()).resolves.toBe("whatsapp");
    const box = t.page.getByLabel("Message", { exact: true });
    await box.fill("Sure, does Thursday 10:00 work?");
    await box.press("Enter");
    const bubble = t.page.locator("li[data-message-id]", { hasText: "Sure, does Thursday 10:00 work?" });
    await bubble.waitFor();
    const sent = await eventually(
      "the lead's phone to receive the answer",
      async () => {
        const { messages } = await phones.received();
        return messages.find((m) => m.text === "Sure, does Thursday 10:00 work?" && m.to === lead);
      },
      { timeoutMs: 30_000 },
    );
    await bubble.locator('[data-tick="delivered"]').waitFor({ timeout: 20_000 });
    await phones.read(sent.id, lead);
    await bubble.locator('[data-tick="read"]').waitFor({ timeout: 20_000 });
    expect((await phones.received()).messages.filter((m) => m.id === sent.id).length).toBe(1);
    expect(t.errors).toEqual([]);
  });
});
