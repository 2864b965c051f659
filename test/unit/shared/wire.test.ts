// serveContract (electron/shared/wire.ts) over an in-memory transport, as both IPC and the harness
// use it: an unknown command refused, a bad payload refused with its schema's words before the
// host hears of it, a host's failure turned into an error reply in the host's words, state events
// forwarded, and nothing at all once the transport has closed.
import { describe, expect, it } from 'vitest';
import { isCommandName } from '../../../electron/shared/command-names';
import type { DeskState } from '../../../electron/shared/model/desk-state';
import { serveContract, type WireHost, type WireToPage, type WireTransport } from '../../../electron/shared/wire';
import { deskState } from '../../fakes/desk-host';

/** A transport whose other end is this test: `deliver` a message, read `sent`, `close` it. */
function memoryTransport() {
  const sent: WireToPage[] = [];
  const arrived = new Set<(message: unknown) => void>();
  const closed = new Set<() => void>();
  const transport: WireTransport = {
    send: (message) => void sent.push(message),
    onMessage(listener) {
      arrived.add(listener);
      return () => void arrived.delete(listener);
    },
    onClose(listener) {
      closed.add(listener);
      return () => void closed.delete(listener);
    },
  };
  return {
    transport,
    sent,
    deliver: (message: unknown) => arrived.forEach((listener) => listener(message)),
    close: () => closed.forEach((listener) => listener()),
    listening: () => arrived.size + closed.size,
  };
}

/** A host that records what it was asked; `panic.trigger` fails with a message that names the site. */
function recordingHost() {
  const asked: Array<{ name: string; input: unknown }> = [];
  const listeners = new Set<(state: DeskState) => void>();
  const host: WireHost = {
    async invoke(name, input) {
      asked.push({ name, input });
      if (name === 'panic.trigger') throw new Error('secret-123 refused');
      return { handled: name } as never;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    describeFailure: (error) => (error instanceof Error ? error.message.replace('secret-123', '[redacted]') : '?'),
  };
  const emit = (state: DeskState): void => listeners.forEach((listener) => listener(state));
  return { host, asked, emit, listeners };
}

const settle = (): Promise<void> => new Promise((done) => setTimeout(done, 0));

describe('serveContract', () => {
  it('refuses an unknown command without asking the host', async () => {
    const { host, asked } = recordingHost();
    const wire = memoryTransport();
    serveContract(host, wire.transport);
    wire.deliver({ id: 1, name: 'shell.exec', payload: {} });
    wire.deliver({ id: 2, name: '__proto__', payload: {} });
    wire.deliver({ id: 3, name: ['state.get'], payload: {} });
    await settle();
    expect(wire.sent).toEqual([
      { id: 1, result: { ok: false, error: { code: 'unknownCommand', message: 'Unknown command "shell.exec"' } } },
      { id: 2, result: { ok: false, error: { code: 'unknownCommand', message: 'Unknown command "__proto__"' } } },
      { id: 3, result: { ok: false, error: { code: 'unknownCommand', message: 'Unknown command (a object)' } } },
    ]);
    expect(asked).toEqual([]);
    expect(isCommandName('__proto__')).toBe(false);
  });

  it('refuses a payload its schema refuses, with the schema’s words, without asking the host', async () => {
    const { host, asked } = recordingHost();
    const wire = memoryTransport();
    serveContract(host, wire.transport);
    wire.deliver({ id: 7, name: 'sites.delete', payload: { siteId: '..' } });
    wire.deliver({ id: 8, name: 'training.autoplay', payload: { on: 'yes' } });
    await settle();
    expect(wire.sent).toEqual([
      {
        id: 7,
        result: { ok: false, error: { code: 'invalidPayload', message: 'sites.delete: siteId: not a site reference' } },
      },
      {
        id: 8,
        result: {
          ok: false,
          error: { code: 'invalidPayload', message: expect.stringMatching(/^training\.autoplay: on: /) },
        },
      },
    ]);
    expect(asked).toEqual([]);
  });

  it('hands the host the parsed payload (defaults applied) and replies with its answer', async () => {
    const { host, asked } = recordingHost();
    const wire = memoryTransport();
    serveContract(host, wire.transport);
    wire.deliver({ id: 4, name: 'audit.list', payload: { text: 'press' } });
    wire.deliver({ id: 5, name: 'state.get' });
    await settle();
    expect(asked).toEqual([
      { name: 'audit.list', input: { text: 'press', limit: 500 } },
      { name: 'state.get', input: {} },
    ]);
    expect(wire.sent).toEqual([
      { id: 4, result: { ok: true, value: { handled: 'audit.list' } } },
      { id: 5, result: { ok: true, value: { handled: 'state.get' } } },
    ]);
  });

  it('turns what the host threw into an error reply in the host’s words', async () => {
    const { host } = recordingHost();
    const wire = memoryTransport();
    serveContract(host, wire.transport);
    wire.deliver({ id: 9, name: 'panic.trigger', payload: { siteId: 'site_9944' } });
    await settle();
    expect(wire.sent).toEqual([
      { id: 9, result: { ok: false, error: { code: 'failed', message: '[redacted] refused' } } },
    ]);
  });

  it('answers nothing to a message that is not a request', async () => {
    const { host, asked } = recordingHost();
    const wire = memoryTransport();
    serveContract(host, wire.transport);
    for (const message of [null, 'state.get', 42, [], { name: 'state.get' }, { id: '1', name: 'state.get' }]) {
      wire.deliver(message);
    }
    await settle();
    expect(wire.sent).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('forwards every state event as `state.changed`', () => {
    const { host, emit } = recordingHost();
    const wire = memoryTransport();
    serveContract(host, wire.transport);
    const state = deskState({ lastSyncAt: 5 });
    emit(state);
    expect(wire.sent).toEqual([{ event: 'state.changed', payload: state }]);
  });

  it('sends nothing once the transport has closed, not even the reply to an earlier request', async () => {
    const { host, asked, emit, listeners } = recordingHost();
    const wire = memoryTransport();
    serveContract(host, wire.transport);
    wire.deliver({ id: 1, name: 'state.get', payload: {} });
    wire.close();
    await settle();
    emit(deskState());
    wire.deliver({ id: 2, name: 'state.get', payload: {} });
    await settle();
    expect(wire.sent).toEqual([]);
    expect(asked.map((a) => a.name)).toEqual(['state.get']);
    // It let go of the host's events and of the transport.
    expect(listeners.size).toBe(0);
    expect(wire.listening()).toBe(0);
  });

  it('stops the same way when its own stop function is called', () => {
    const { host, emit, listeners } = recordingHost();
    const wire = memoryTransport();
    const stop = serveContract(host, wire.transport);
    stop();
    emit(deskState());
    expect(wire.sent).toEqual([]);
    expect(listeners.size).toBe(0);
    expect(wire.listening()).toBe(0);
  });
});
