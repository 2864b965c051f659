import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Desk } from '../../electron/core/desk';
import { memoryStore } from '../fakes/store';
import { COMMAND_NAMES } from '../../electron/shared/command-names';
import { FakeClock } from '../support/fake-clock';

function desk(): Desk {
  return new Desk({
    environment: 'staging',
    api: null,
    store: memoryStore(),
    dataDir: mkdtempSync(join(tmpdir(), 'command-table-')),
    clock: new FakeClock(),
    configProblem: { level: 'notConfigured', message: 'Not configured' },
  });
}

describe('the desk command table', () => {
  it('has exactly one handler for every contract command', () => {
    expect(Object.keys(desk().handlers).sort()).toEqual([...COMMAND_NAMES].sort());
  });

  it('leaves the host commands to the desk host', async () => {
    const { handlers } = desk();
    await expect(handlers['setup.fullCheck']({} as never)).rejects.toThrow('by the desk host, not by a desk');
    await expect(handlers['diagnostics.export']({} as never)).rejects.toThrow('by the desk host, not by a desk');
    await expect(handlers['setup.saveCredentials']({} as never)).rejects.toThrow('by the desk host, not by a desk');
  });
});
