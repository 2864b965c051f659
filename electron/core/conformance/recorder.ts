// A fetch that records each exchange of the conformance check: method, path, status, latency and
// the parsed JSON answer (kept in memory for the shape analysis only; the report keeps key names,
// JSON types, status strings and AURA's messages, never a token, never the request bodies).

export interface Exchange {
  method: string;
  /** The path under the base URL, e.g. `/callouts/992011`. */
  path: string;
  status: number | null;
  latencyMs: number;
  /** The answer parsed as JSON; undefined when it was empty or not JSON. */
  json: unknown;
  /** Why there was no answer (network error, timeout), redacted by the caller's redactor later. */
  error: string | null;
}

export class ExchangeRecorder {
  readonly exchanges: Exchange[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly inner: typeof fetch = globalThis.fetch.bind(globalThis),
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Exchanges recorded from `index` on (a step's own). */
  since(index: number): Exchange[] {
    return this.exchanges.slice(index);
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const path = url.startsWith(this.baseUrl) ? url.slice(this.baseUrl.length) : new URL(url).pathname;
    const entry: Exchange = {
      method: init?.method ?? 'GET',
      path,
      status: null,
      latencyMs: 0,
      json: undefined,
      error: null,
    };
    this.exchanges.push(entry);
    const started = this.clock();
    try {
      const response = await this.inner(input, init);
      const text = await response.clone().text();
      entry.latencyMs = Math.round(this.clock() - started);
      entry.status = response.status;
      try {
        entry.json = text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
      } catch {
        entry.json = undefined;
      }
      return response;
    } catch (error) {
      entry.latencyMs = Math.round(this.clock() - started);
      entry.error = error instanceof Error ? error.message : String(error);
      throw error;
    }
  };
}
