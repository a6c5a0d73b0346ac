import { describe, expect, it } from "vitest";
import { LOCAL_SOCKET_IP, clientIp } from "./client-ip";

const request = (headers: Record<string, string>) => new Request("http://app.test/api/health", { headers });

describe("clientIp", () => {
  it.each([
    [
      "behind Cloudflare, the edge's header",
      { CLIENT_IP_SOURCE: "cloudflare" },
      { "cf-connecting-ip": "203.0.113.7" },
      "203.0.113.7",
    ],
    ["behind Cloudflare, no header", { CLIENT_IP_SOURCE: "cloudflare" }, {}, "unknown"],
    ["unset source means Cloudflare", {}, { "cf-connecting-ip": "198.51.100.2" }, "198.51.100.2"],
    [
      "locally, a client-sent header is ignored",
      { CLIENT_IP_SOURCE: "socket" },
      { "cf-connecting-ip": "203.0.113.9" },
      LOCAL_SOCKET_IP,
    ],
    [
      "X-Forwarded-For is never read",
      { CLIENT_IP_SOURCE: "cloudflare" },
      { "x-forwarded-for": "192.0.2.1", "cf-connecting-ip": "203.0.113.7" },
      "203.0.113.7",
    ],
  ])("%s", (_name, env, headers, expected) => {
    expect(clientIp(request(headers), env)).toBe(expected);
  });
});
