// Bench section "aura": what the AURA client adds to a panic press. Against the simulator on
// 127.0.0.1 with a warm token, the time from "raise callout" being called to the simulator
// receiving the request, for the client and for a bare fetch of the same request, interleaved in
// one run (so both see the same machine, connection pool and JIT state); and how many HTTP
// requests one press costs.
import { performance } from 'node:perf_hooks';
import { AuraClient } from '../../electron/core/aura/client';
import { startSimulator } from '../../electron/simulator/server';

const PRESSES = 200;
const WARMUP = 30;
const SITE = 'site_9944';

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

const ms = (v: number): string => `${v.toFixed(3)} ms`;

export async function runAuraBench(presses = PRESSES): Promise<{ overheadRatio: number; requestsPerPress: number }> {
  const sim = await startSimulator({ clientId: 'bench', clientSecret: 'bench-secret' });
  const raisePath = `/panic-api/v2/predefinedLocations/externalRef/${SITE}/callouts`;
  let receivedAt = NaN;
  // The simulator calls this as the request arrives, before reading its body: same process, same clock.
  sim.onRequest((entry) => {
    if (entry.path === raisePath) receivedAt = performance.now();
  });
  const client = new AuraClient({ baseUrl: sim.baseUrl, clientId: 'bench', getSecret: async () => 'bench-secret' });
  try {
    const token = await client.getToken();
    const url = sim.baseUrl + raisePath.slice('/panic-api/v2'.length);

    const viaClient = async (): Promise<{ latency: number; requests: number }> => {
      const before = sim.requests.length;
      receivedAt = NaN;
      const start = performance.now();
      await client.raiseCallout(SITE);
      return { latency: receivedAt - start, requests: sim.requests.length - before };
    };
    const viaFetch = async (): Promise<{ latency: number; requests: number }> => {
      const before = sim.requests.length;
      receivedAt = NaN;
      const start = performance.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: '{}',
      });
      await response.text();
      return { latency: receivedAt - start, requests: sim.requests.length - before };
    };

    for (let i = 0; i < WARMUP; i++) {
      await viaClient();
      await viaFetch();
    }
    const clientLatencies: number[] = [];
    const fetchLatencies: number[] = [];
    let clientRequests = 0;
    for (let i = 0; i < presses; i++) {
      // Alternate which goes first, so neither always runs on a freshly used connection.
      const order = i % 2 === 0 ? [viaClient, viaFetch] : [viaFetch, viaClient];
      for (const run of order) {
        const { latency, requests } = await run();
        if (run === viaClient) {
          clientLatencies.push(latency);
          clientRequests += requests;
        } else {
          fetchLatencies.push(latency);
        }
      }
    }
    if ([...clientLatencies, ...fetchLatencies].some((v) => Number.isNaN(v))) {
      throw new Error('bench aura: a press never reached the simulator');
    }
    const clientMedian = quantile(clientLatencies, 0.5);
    const fetchMedian = quantile(fetchLatencies, 0.5);
    const overheadRatio = clientMedian / fetchMedian;
    const requestsPerPress = clientRequests / presses;
    console.log(
      `bench aura: raise callout, call -> simulator receives the request (${presses} presses each, interleaved, warm token)`,
    );
    console.log(`  client      median ${ms(clientMedian)}  p99 ${ms(quantile(clientLatencies, 0.99))}`);
    console.log(`  bare fetch  median ${ms(fetchMedian)}  p99 ${ms(quantile(fetchLatencies, 0.99))}`);
    console.log(`  overhead ratio (client median / fetch median): ${overheadRatio.toFixed(3)} (goal <= 1.15)`);
    console.log(`  HTTP requests per press: ${requestsPerPress} (goal exactly 1)`);
    console.log(`bench aura: overhead_ratio=${overheadRatio.toFixed(3)} requests_per_press=${requestsPerPress}`);
    return { overheadRatio, requestsPerPress };
  } finally {
    client.close();
    await sim.close();
  }
}
