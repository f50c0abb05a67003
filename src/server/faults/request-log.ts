/** What a server's own log says about the requests it accepted, split at a line naming an event. */
export interface RequestLog {
  acceptedBefore: number;
  acceptedAfter: number;
  /** Request ids the server accepted and never logged an answer for. */
  unanswered: string[];
  fiveXX: number;
}

/**
 * Reads the JSON lines a server process wrote at LOG_LEVEL=info: Fastify logs each request it
 * accepted under its id (`incoming request`), and its status once it answered (`request completed`,
 * or the 503 it gives while closing).
 */
export function readRequestLog(lines: string[], event: string): RequestLog {
  const accepted = new Set<string>();
  const answered = new Map<string, number>();
  let acceptedBefore = 0;
  let eventSeen = false;
  for (const line of lines) {
    let entry: { msg?: string; reqId?: string; res?: { statusCode?: number } };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      continue;
    }
    if (entry.msg?.startsWith(event)) {
      eventSeen = true;
      acceptedBefore = accepted.size;
    } else if (entry.reqId) {
      accepted.add(entry.reqId);
      if (entry.res?.statusCode) answered.set(entry.reqId, entry.res.statusCode);
    }
  }
  if (!eventSeen) throw new Error(`the server never logged "${event}"`);
  return {
    acceptedBefore,
    acceptedAfter: accepted.size - acceptedBefore,
    unanswered: [...accepted].filter((id) => !answered.has(id)),
    fiveXX: [...answered.values()].filter((status) => status >= 500).length,
  };
}
