// The one mail path: invitations and auth e-mails land in the dev mailbox when SMTP_URL is not set.
import { describe, expect, it } from "vitest";
import { postJson } from "../support/api-client";
import { createUser, uniqueEmail } from "../support/auth";
import { latestMail } from "../support/mailbox";

describe("invitation e-mails", () => {
  it("sends the accept link to the invitee and keeps the API response fields", async () => {
    const owner = await createUser("inviter");
    const invitee = uniqueEmail("invitee");
    const res = await postJson("/api/invitations", { email: invitee, role: "member" }, owner.headers);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ invitation: { email: invitee, role: "member" }, token: expect.any(String) });
    expect(res.body.acceptUrl).toBe(`http://app.test/invitations/${res.body.token}`);

    const mail = await latestMail(invitee);
    expect(mail.kind).toBe("invitation");
    expect(mail.subject).toMatch(/invited/i);
    expect(mail.bodyText).toContain(res.body.acceptUrl);
  });
});
