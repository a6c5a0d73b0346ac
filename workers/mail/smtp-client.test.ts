import { describe, expect, it } from "vitest";
import { formatMessage, parseSmtpUrl } from "./smtp-client";

describe("SMTP message and URL", () => {
  const message = {
    from: "no-reply@app.example",
    to: "ada@example.test",
    subject: "Reset",
    text: "line one\n.starts with a dot\nend",
  };

  it("uses CRLF line ends and dot-stuffs body lines that start with a dot", () => {
    const text = formatMessage(message, new Date(0));
    expect(text).toContain("\r\n\r\nline one\r\n..starts with a dot\r\nend");
    expect(text.split("\r\n")).toContain("Subject: Reset");
    expect(text).not.toMatch(/[^\r]\n/);
  });

  it("refuses header injection through line breaks", () => {
    expect(() => formatMessage({ ...message, subject: "Hi\r\nBcc: victim@example.test" })).toThrow(/line breaks/);
    expect(() => formatMessage({ ...message, to: "a@example.test\nBcc: b@example.test" })).toThrow(/line breaks/);
  });

  it("encodes a non-ASCII subject", () => {
    expect(formatMessage({ ...message, subject: "Café" })).toMatch(/Subject: =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=/);
  });

  it("reads smtps:// (implicit TLS) and smtp:// (STARTTLS) URLs with credentials and a sender", () => {
    expect(parseSmtpUrl("smtps://mailer%40app.example:p%40ss@smtp.example")).toMatchObject({
      hostname: "smtp.example",
      port: 465,
      implicitTls: true,
      username: "mailer@app.example",
      password: "p@ss",
      from: "mailer@app.example",
    });
    expect(parseSmtpUrl("smtp://u:p@smtp.example:2525?from=hello@app.example")).toMatchObject({
      port: 2525,
      implicitTls: false,
      from: "hello@app.example",
    });
    expect(parseSmtpUrl("smtp://127.0.0.1:1025?tls=off")).toMatchObject({ plain: true, implicitTls: false });
    expect(() => parseSmtpUrl("smtp://smtp.example:25?tls=off")).toThrow(/loopback/);
    expect(() => parseSmtpUrl("http://smtp.example")).toThrow();
  });
});
