// `npm run sim -- --port 4010 --client-id demo --client-secret demo [--shape a|b] [--token-ttl 3600]`
import { parseArgs } from 'node:util';
import { startSimulator } from './server';
import type { Shape } from './state';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    'client-id': { type: 'string', default: 'demo' },
    'client-secret': { type: 'string', default: 'demo' },
    shape: { type: 'string', default: 'b' },
    'token-ttl': { type: 'string', default: '3600' },
  },
});

const shape: Shape | null = values.shape === 'a' || values.shape === 'b' ? values.shape : null;
const port = Number(values.port);
const ttl = Number(values['token-ttl']);
if (!shape || !Number.isInteger(port) || port < 0 || port > 65535 || !(ttl > 0)) {
  console.error(
    'usage: npm run sim -- [--port N] [--client-id ID] [--client-secret S] [--shape a|b] [--token-ttl SECONDS]',
  );
  process.exitCode = 2;
}

async function main(shape: Shape): Promise<void> {
  const sim = await startSimulator({
    port,
    clientId: values['client-id'],
    clientSecret: values['client-secret'],
    shape,
    tokenTtlSeconds: ttl,
  });
  console.log(`AURA Panic API simulator (shape ${shape.toUpperCase()}, token TTL ${ttl} s)`);
  console.log(`  API base URL:   ${sim.baseUrl}`);
  console.log(`  client ID:      ${values['client-id']}`);
  console.log(`  control:        ${sim.origin}/__sim/callouts`);
  console.log('Press Ctrl+C to stop.');
  const stop = (): void => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (shape) void main(shape);
