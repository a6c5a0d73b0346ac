// Reads a lead-generation event stream the way a client sees it; shared by the providers suite (workerd) and
// bench:lead-engine (Bun), so it uses nothing but web APIs.

/** Reads the body to its end; `firstLeadAt` is the clock reading when the first `lead` event had arrived (0 if none). */
export async function readLeadStream(body: ReadableStream<Uint8Array>, clock: () => number = () => performance.now()) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let firstLeadAt = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (!firstLeadAt && text.includes("event: lead")) firstLeadAt = clock();
  }
  return { text: text + decoder.decode(), firstLeadAt };
}
