import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { screenshot, signUpInBrowser, useBrowserPage } from "../support/browser.ts";

const baseUrl = inject("baseUrl");
const t = useBrowserPage();

/** Leads and a pipeline with cards, created through the API with the page's own session cookie. */
async function seedBoard(page: Page, names: string[]) {
  return page.evaluate(async (names) => {
    const post = async (path: string, body: object) =>
      (
        await fetch(path, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        })
      ).json();
    const { pipeline } = (await post("/api/pipelines", { name: "Outbound" })) as { pipeline: { id: string } };
    for (const fullName of names) {
      const { lead } = (await post("/api/leads", {
        fullName,
        companyName: "Acme",
        jobTitle: "CMO",
        mainChannel: "linkedin",
        tags: ["Needs SEO"],
      })) as { lead: { id: string } };
      await post(`/api/pipelines/${pipeline.id}/cards`, { leadId: lead.id });
    }
    return pipeline.id as string;
  }, names);
}

const column = (page: Page, stage: string) => page.locator(`ul[data-stage="${stage}"]`);
const card = (page: Page, name: string) => page.getByRole("button", { name: new RegExp(`^${name}`) });

async function drag(page: Page, name: string, toStage: string) {
  const from = (await card(page, name).boundingBox())!;
  const to = (await column(page, toStage).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + 30, { steps: 12 });
  await page.mouse.up();
}

describe("the CRM board", () => {
  it("drags a card to Contacted, persists it with history, and shows it live in a second browser", async () => {
    const { email, password } = await signUpInBrowser(t.page, baseUrl);
    const pipelineId = await seedBoard(t.page, ["Ada Lovelace", "Grace Hopper"]);
    await t.page.goto(`${baseUrl}/dashboard/crm?pipeline=${pipelineId}`, { waitUntil: "networkidle" });
    await expect(column(t.page, "To Contact").getByRole("button").count()).resolves.toBe(2);

    const other = await t.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const second = await other.newPage();
    await second.goto(`${baseUrl}/login?next=${encodeURIComponent(`/dashboard/crm?pipeline=${pipelineId}`)}`, {
      waitUntil: "networkidle",
    });
    await second.getByLabel("Email").fill(email);
    await second.getByLabel("Password").fill(password);
    await second.getByRole("button", { name: "Sign in" }).click();
    await second.waitForURL(/\/dashboard\/crm/);
    await column(second, "To Contact")
      .getByRole("button", { name: /^Ada Lovelace/ })
      .waitFor();
    await second.waitForTimeout(300); // let the board's socket connect

    const saved = t.page.waitForResponse(
      (r) => r.url().includes("/api/pipeline-cards/") && r.request().method() === "PATCH",
    );
    await drag(t.page, "Ada Lovelace", "Contacted");
    expect((await saved).status()).toBe(200);
    await column(second, "Contacted")
      .getByRole("button", { name: /^Ada Lovelace/ })
      .waitFor({ timeout: 3000 });
    await screenshot(t.page, "crm-after-drag");

    await t.page.reload({ waitUntil: "networkidle" });
    await column(t.page, "Contacted")
      .getByRole("button", { name: /^Ada Lovelace/ })
      .waitFor();
    const history = await t.page.evaluate(async (pipelineId) => {
      const board = (await (await fetch(`/api/pipelines/${pipelineId}/board`)).json()) as {
        stages: { cards: { id: string }[] }[];
      };
      const moved = board.stages[1]!.cards[0]!;
      return (
        (await (await fetch(`/api/pipeline-cards/${moved.id}/events`)).json()) as {
          events: { type: string; actor: { email: string } }[];
        }
      ).events;
    }, pipelineId);
    expect(history.map((e) => e.type)).toEqual(["created", "moved"]);
    expect(history[1]?.actor.email).toBe(email);
    await other.close();
    expect(t.errors).toEqual([]);
  });

  it("moves a card with the keyboard alone", async () => {
    await signUpInBrowser(t.page, baseUrl);
    const pipelineId = await seedBoard(t.page, ["Linus Torvalds"]);
    await t.page.goto(`${baseUrl}/dashboard/crm?pipeline=${pipelineId}`, { waitUntil: "networkidle" });
    await card(t.page, "Linus Torvalds").focus();
    const saved = t.page.waitForResponse(
      (r) => r.url().includes("/api/pipeline-cards/") && r.request().method() === "PATCH",
    );
    // Pick up, move one column right, drop — pausing as a person would between keys.
    for (const key of ["Space", "ArrowRight", "Space"]) {
      await t.page.keyboard.press(key);
      await t.page.waitForTimeout(150);
    }
    expect((await saved).status()).toBe(200);
    await t.page.reload({ waitUntil: "networkidle" });
    await column(t.page, "Contacted")
      .getByRole("button", { name: /^Linus Torvalds/ })
      .waitFor();
  });
});

describe("a board the size Save all makes (30+ cards)", () => {
  /** 26 cards in To Contact, 6 in Contacted, In Conversation and Closed empty. */
  async function bigBoard(page: Page) {
    await signUpInBrowser(page, baseUrl);
    const names = Array.from({ length: 32 }, (_, i) => `Lead ${String(i + 1).padStart(2, "0")} Big`);
    const pipelineId = await seedBoard(page, names);
    await page.evaluate(async (pipelineId) => {
      const board = (await (await fetch(`/api/pipelines/${pipelineId}/board`)).json()) as {
        stages: { cards: { id: string }[] }[];
      };
      for (const c of board.stages[0]!.cards.slice(-6)) {
        await fetch(`/api/pipeline-cards/${c.id}`, {
          method: "PATCH",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ stage: "Contacted" }),
        });
      }
    }, pipelineId);
    await page.goto(`${baseUrl}/dashboard/crm?pipeline=${pipelineId}`, { waitUntil: "networkidle" });
    await expect(column(page, "To Contact").getByRole("button").count()).resolves.toBe(26);
    return pipelineId;
  }

  const stageOnServer = (page: Page, pipelineId: string, name: string) =>
    page.evaluate(
      async ([pipelineId, name]) => {
        const board = (await (await fetch(`/api/pipelines/${pipelineId}/board`)).json()) as {
          stages: { stage: string; cards: { lead: { fullName: string } }[] }[];
        };
        return board.stages.find((s) => s.cards.some((c) => c.lead.fullName === name))?.stage;
      },
      [pipelineId, name] as const,
    );

  it("takes a card by mouse into an empty column and into a full one", async () => {
    const pipelineId = await bigBoard(t.page);
    for (const [name, stage] of [
      ["Lead 02 Big", "In Conversation"],
      ["Lead 03 Big", "Closed"],
      ["Lead 04 Big", "Contacted"],
    ] as const) {
      const saved = t.page.waitForResponse(
        (r) => r.url().includes("/api/pipeline-cards/") && r.request().method() === "PATCH",
      );
      await drag(t.page, name, stage);
      expect((await saved).status()).toBe(200);
      await column(t.page, stage)
        .getByRole("button", { name: new RegExp(`^${name}`) })
        .waitFor();
      expect(await stageOnServer(t.page, pipelineId, name)).toBe(stage);
    }
    expect(t.errors).toEqual([]);
  });

  it("takes a card by keyboard into an empty column", async () => {
    const pipelineId = await bigBoard(t.page);
    await card(t.page, "Lead 05 Big").focus();
    const saved = t.page.waitForResponse(
      (r) => r.url().includes("/api/pipeline-cards/") && r.request().method() === "PATCH",
    );
    for (const key of ["Space", "ArrowRight", "ArrowRight", "Space"]) {
      await t.page.keyboard.press(key);
      await t.page.waitForTimeout(150);
    }
    expect((await saved).status()).toBe(200);
    expect(await stageOnServer(t.page, pipelineId, "Lead 05 Big")).toBe("In Conversation");
  });
});

describe("the card drawer", () => {
  it("shows the lead, keeps notes with author and time, and closes as won", async () => {
    const { email } = await signUpInBrowser(t.page, baseUrl);
    const pipelineId = await seedBoard(t.page, ["Margaret Hamilton"]);
    await t.page.goto(`${baseUrl}/dashboard/crm?pipeline=${pipelineId}`, { waitUntil: "networkidle" });
    await card(t.page, "Margaret Hamilton").click();
    const drawer = t.page.getByRole("dialog", { name: "Margaret Hamilton details" });
    await drawer.getByText("Added to To Contact").waitFor();
    await drawer.getByLabel("Add a note").fill("Wants a proposal by Friday");
    await drawer.getByRole("button", { name: "Save note" }).click();
    const note = drawer
      .getByRole("region", { name: "Notes" })
      .getByRole("listitem")
      .filter({ hasText: "Wants a proposal by Friday" });
    await note.waitFor();
    expect(await note.textContent()).toContain(`${email} · `);
    await t.page.keyboard.press("Escape");
    await drawer.waitFor({ state: "hidden" });

    // Closed cards can be marked won from the drawer; the outcome survives a reload.
    await t.page.evaluate(async (pipelineId) => {
      const board = (await (await fetch(`/api/pipelines/${pipelineId}/board`)).json()) as {
        stages: { cards: { id: string }[] }[];
      };
      await fetch(`/api/pipeline-cards/${board.stages[0]!.cards[0]!.id}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ stage: "Closed" }),
      });
    }, pipelineId);
    await t.page.reload({ waitUntil: "networkidle" });
    await card(t.page, "Margaret Hamilton").focus();
    await t.page.keyboard.press("Enter");
    await drawer.getByRole("button", { name: /^won$/i }).click();
    await drawer.getByRole("button", { name: /^won$/i, pressed: true }).waitFor();
    await t.page.reload({ waitUntil: "networkidle" });
    await column(t.page, "Closed").getByText("won").waitFor();
    expect(t.errors).toEqual([]);
  });
});

describe("the board after a network loss", () => {
  it("shows moves made while its live socket was down once the network is back", async () => {
    // Every live-room socket of the page goes through this proxy, so the test can cut it as a network loss
    // would (setOffline alone leaves open sockets open) and refuse reconnects until the network is back.
    const live: { close(options?: { code?: number; reason?: string }): Promise<void> }[] = [];
    let networkDown = false;
    let connections = 0;
    await t.page.routeWebSocket(/\/parties\/live-room\//, (ws) => {
      if (networkDown) return void ws.close({ code: 4000, reason: "network down" });
      connections++;
      ws.connectToServer();
      live.push(ws);
    });
    await signUpInBrowser(t.page, baseUrl);
    const pipelineId = await seedBoard(t.page, ["Barbara Liskov"]);
    await t.page.goto(`${baseUrl}/dashboard/crm?pipeline=${pipelineId}`, { waitUntil: "networkidle" });
    const cardId = await t.page.evaluate(async (pipelineId) => {
      const board = (await (await fetch(`/api/pipelines/${pipelineId}/board`)).json()) as {
        stages: { cards: { id: string }[] }[];
      };
      return board.stages[0]!.cards[0]!.id;
    }, pipelineId);
    const cookies = await t.context.cookies();
    await expect.poll(() => connections).toBeGreaterThan(0);

    networkDown = true;
    await t.context.setOffline(true);
    await Promise.all(live.splice(0).map((ws) => ws.close({ code: 4000, reason: "network lost" })));
    // Another device of the same user moves the card while this page has no socket and no network.
    const res = await fetch(`${baseUrl}/api/pipeline-cards/${cardId}`, {
      method: "PATCH",
      headers: {
        "content-type": "application/json",
        origin: baseUrl,
        cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; "),
      },
      body: JSON.stringify({ stage: "In Conversation" }),
    });
    expect(res.status).toBe(200);
    expect(live).toHaveLength(0); // nothing could have carried the move to the page
    await column(t.page, "To Contact")
      .getByRole("button", { name: /^Barbara Liskov/ })
      .waitFor();
    const connectionsWhileDown = connections;

    networkDown = false;
    await t.context.setOffline(false);
    await column(t.page, "In Conversation")
      .getByRole("button", { name: /^Barbara Liskov/ })
      .waitFor({ timeout: 20_000 });
    expect(connections).toBeGreaterThan(connectionsWhileDown); // caught up through a real reconnect
  }, 60_000);
});

describe("pipeline switcher", () => {
  it("creates, renames and switches pipelines", async () => {
    await signUpInBrowser(t.page, baseUrl);
    await t.page.goto(`${baseUrl}/dashboard/crm`, { waitUntil: "networkidle" });
    await t.page.getByText("No pipeline yet").waitFor();
    for (const name of ["Inbound", "Outbound"]) {
      await t.page.getByLabel("New pipeline").fill(name);
      await t.page.getByRole("button", { name: "Create" }).click();
      await t.page.waitForURL(/pipeline=/);
      await t.page
        .getByLabel("Rename")
        .and(t.page.locator(`[value="${name}"]`))
        .waitFor();
    }
    await t.page.getByLabel("Rename").fill("Outbound Q1");
    await t.page.getByRole("button", { name: "Save name" }).click();
    await t.page.getByRole("option", { name: "Outbound Q1 (0)" }).waitFor({ state: "attached" });
    await t.page.getByRole("combobox").selectOption({ label: "Inbound (0)" });
    await t.page.getByLabel("Rename").and(t.page.locator('[value="Inbound"]')).waitFor();
    expect(t.errors).toEqual([]);
  });
});
