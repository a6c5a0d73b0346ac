// A local OpenAI-compatible chat-completions endpoint reproducing the documented contract (Bearer auth,
// `response_format: json_schema`, `choices[0].message.content` as a JSON string or `refusal`, the
// `{error:{message,type,param,code}}` envelope). Its "model" is deterministic: profile answers come from
// a small table of phrases; lead scores favour the leads listed last, so re-ranking is visible: the lead at
// position i (1-based) of n scores max(0, 100 - (n - i) * 4), and its reason names the position.
// Faults by content: `llm:500`, `llm:429`, `llm:slow`, `llm:garbage`, `llm:refusal`. `GET /__log?marker=`.
import { serveFake } from "./fake-http";
import { FAKE_LLM_KEY } from "./fake-keys";

const PROFILES: { phrase: RegExp; answer: Record<string, unknown> }[] = [
  {
    phrase: /people who run growth/i,
    answer: {
      roles: ["Head of Growth"],
      seniorities: ["head"],
      industries: [],
      excludeIndustries: [],
      places: [],
      companySize: null,
      annualRevenue: null,
      channels: [],
      needs: ["seo"],
    },
  },
  {
    // Reads the size and the firms differently from the rules: a contradiction the app must report, not apply.
    phrase: /partners at small accounting firms/i,
    answer: {
      roles: ["Partner"],
      seniorities: ["partner"],
      industries: [],
      excludeIndustries: ["accounting"],
      places: ["Ohio"],
      companySize: { min: 1000, max: null },
      annualRevenue: null,
      channels: [],
      needs: [],
    },
  },
];
const EMPTY = {
  roles: [],
  seniorities: [],
  industries: [],
  excludeIndustries: [],
  places: [],
  companySize: null,
  annualRevenue: null,
  channels: [],
  needs: [],
};

export async function startOpenAiFake() {
  const log: { marker: string | null; schema: string; maxTokens: number; leadCount?: number }[] = [];
  const { base, close } = await serveFake(async ({ req, url, text, send }) => {
    const error = (status: number, message: string, type: string, code: string | null) =>
      send(status, { error: { message, type, param: null, code } });
    if (url.pathname === "/__log")
      return send(
        200,
        log.filter((e) => e.marker === url.searchParams.get("marker")),
      );
    if (req.headers.authorization !== `Bearer ${FAKE_LLM_KEY}`)
      return error(401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
    if (req.method !== "POST" || url.pathname !== "/v1/chat/completions")
      return error(404, "Unknown request URL.", "invalid_request_error", "unknown_url");
    const body = JSON.parse(text);
    const user = String(body.messages?.find((m: { role: string }) => m.role === "user")?.content ?? "");
    const schema = body.response_format?.json_schema?.name ?? "none";
    log.push({ marker: /run:([\w-]+)/.exec(user)?.[1] ?? null, schema, maxTokens: body.max_tokens });
    if (user.includes("llm:500"))
      return error(500, "The server had an error while processing your request.", "server_error", null);
    if (user.includes("llm:429"))
      return error(429, "Rate limit reached for requests.", "requests", "rate_limit_exceeded");
    if (user.includes("llm:slow")) await new Promise((r) => setTimeout(r, 5_000));
    let content: string | null;
    let refusal: string | null = null;
    if (user.includes("llm:garbage")) content = '{"roles": "not an array"}';
    else if (user.includes("llm:refusal")) {
      content = null;
      refusal = "I can't help with that.";
    } else if (schema === "ideal_client_profile")
      content = JSON.stringify(PROFILES.find((p) => p.phrase.test(user))?.answer ?? EMPTY);
    else {
      const leads = (JSON.parse(user) as { leads: { id: string }[] }).leads;
      log.at(-1)!.leadCount = leads.length;
      content = JSON.stringify({
        scores: leads.map((l, i) => ({
          id: l.id,
          score: Math.max(0, 100 - (leads.length - 1 - i) * 4),
          reason: `Fits the profile (position ${i + 1} reviewed).`,
        })),
      });
    }
    send(200, {
      id: `chatcmpl-${log.length}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, message: { role: "assistant", content, refusal }, finish_reason: "stop", logprobs: null }],
      usage: {
        prompt_tokens: Math.ceil(user.length / 4),
        completion_tokens: Math.ceil((content ?? "").length / 4),
        total_tokens: 0,
      },
    });
  });
  return { url: `${base}/v1`, close };
}
