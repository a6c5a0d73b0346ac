import { describe, expect, it } from "vitest";
import { call } from "../support/api-client";
import { createUser } from "../support/auth";
import { createLead, teammate } from "../support/factories";
import { send } from "../support/messaging";

const patch = (headers: Record<string, string>, body: object) =>
  call("/api/messaging-settings", {
    method: "PATCH",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("messaging settings", () => {
  it("start at the defaults, and an owner's change applies to the next send", async () => {
    const owner = await createUser("settings");
    const defaults = await call("/api/messaging-settings", { headers: owner.headers });
    expect(defaults.body.settings).toEqual({
      fallbackOrder: ["whatsapp", "linkedin", "instagram", "facebook", "x"],
      quietStart: 20,
      quietEnd: 8,
      moveOnReply: true,
    });
    const lead = await createLead(owner, { phone: "+4915112340001" });
    expect((await send(owner, { leadId: lead.id, channel: "whatsapp", body: "Hi" })).status).toBe(422);

    const changed = await patch(owner.headers, { fallbackOrder: ["whatsapp", "sandbox"], moveOnReply: false });
    expect(changed.status).toBe(200);
    expect(changed.body.settings).toMatchObject({
      fallbackOrder: ["whatsapp", "sandbox"],
      moveOnReply: false,
      quietEnd: 8,
    });
    const routed = await send(owner, { leadId: lead.id, channel: "whatsapp", body: "Hi" });
    expect(routed.status).toBe(202);
    expect(routed.body.message.channel).toBe("sandbox");
  });

  it("refuses members (403) and bad values with field errors (422)", async () => {
    const owner = await createUser("settings-owner");
    const member = await teammate(owner);
    expect((await call("/api/messaging-settings", { headers: member.headers })).status).toBe(200);
    expect((await patch(member.headers, { quietStart: 21 })).status).toBe(403);
    const bad = await patch(owner.headers, { fallbackOrder: ["whatsapp", "telegram"], quietStart: 24 });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(["fallbackOrder.1", "quietStart"].sort());
    expect((await patch(owner.headers, { fallbackOrder: ["x", "x"] })).status).toBe(422);
    expect((await patch(owner.headers, {})).status).toBe(422);
  });
});
