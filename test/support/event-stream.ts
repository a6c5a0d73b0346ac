// Reads a lead-generation event stream the way a client sees it, with the same server-sent-events parser the
// app uses (eventsource-parser); shared by the workers and providers suites (workerd) and bench:lead-engine
// (Bun), so it uses nothing but web APIs.
import { createParser } from "eventsource-parser";

export interface StreamEvent {
  /** The `event:` field; "message" when the server sent none (as EventSource names it). */
  event: string;
  data: unknown;
}

/**
 * Reads the body to its end and returns its events, data parsed as JSON; `firstLeadAt` is the clock reading
 * when the first `lead` event had arrived (0 if none).
 */
export async function readLeadStream(body: ReadableStream<Uint8Array>, clock: () => number = () => performance.now()) {
  const events: StreamEvent[] = [];
  let firstLeadAt = 0;
  const parser = createParser({
    onEvent({ event = "message", data }) {
      if (event === "lead" && !firstLeadAt) firstLeadAt = clock();
      events.push({ event, data: data ? JSON.parse(data) : null });
    },
  });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.feed(decoder.decode(value, { stream: true }));
  }
  parser.feed(decoder.decode());
  return { events, firstLeadAt };
}

/** The events of a whole event-stream text. */
export function parseEventStream(text: string): StreamEvent[] {
  const events: StreamEvent[] = [];
  const parser = createParser({
    onEvent: ({ event = "message", data }) => void events.push({ event, data: data ? JSON.parse(data) : null }),
  });
  parser.feed(text);
  return events;
}
