import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Desk } from '../../../../electron/core/desk/desk';
import { memoryStore } from '../../../fakes/store';
import { COMMAND_NAMES } from '../../../../electron/shared/command-names';
import { FakeClock } from '../../../support/fake-clock';

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
  const HOST_COMMANDS = ['diagnostics.export', 'setup.fullCheck', 'setup.saveCredentials'];

  it('has exactly one handler for every contract command a desk answers', () => {
    const deskCommands = COMMAND_NAMES.filter((name) => !HOST_COMMANDS.includes(name));
    expect(Object.keys(desk().handlers).sort()).toEqual([...deskCommands].sort());
  });

  it('leaves the host commands to the desk host: none is in the table', () => {
    const names = Object.keys(desk().handlers);
    for (const name of HOST_COMMANDS) expect(names).not.toContain(name);
  });
});
