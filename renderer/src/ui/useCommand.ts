// One contract command as a component runs it: whether it is running, its failure in plain words,
// its last result. Written once here instead of a busy flag and an error string in every form.
import { useCallback, useRef, useState } from 'react';
import type { CommandName } from '@shared/command-names';
import type { CommandInput, CommandOutput, CommandResult } from '@shared/contract';
import { useDesk } from '../store';

export interface CommandOptions {
  /** The failure as the operator reads it, from the desk's plain-words message (default: as is). */
  failure?: (message: string) => string;
  /**
   * Keep the previous error and result on screen until a run settles (a repeated failure is then
   * not announced again). By default a run starts from nothing shown.
   */
  keepWhileBusy?: boolean;
}

export interface Command<N extends CommandName> {
  /** True while any run of this command is on its way. */
  busy: boolean;
  /** The latest run's failure (or the caller's own, see `fail`), in plain words; null when none. */
  error: string | null;
  /** The latest successful run's output; null before one, or once a new run starts (see options). */
  result: CommandOutput<N> | null;
  /**
   * Runs the command; never throws. Only the run started last updates `error` and `result` (an
   * older answer arriving late is ignored there), but every caller gets its own run's result back.
   */
  run(input: CommandInput<N>): Promise<CommandResult<CommandOutput<N>>>;
  /** Shows a failure the caller found itself (a field left empty) where the command's would be. */
  fail(message: string): void;
  /** Shows nothing: no error, no result. */
  reset(): void;
}

type Shown<T> = { error: string | null; result: T | null };
const NOTHING: Shown<never> = { error: null, result: null };

export function useCommand<N extends CommandName>(name: N, options: CommandOptions = {}): Command<N> {
  const call = useDesk((s) => s.call);
  const [running, setRunning] = useState(0);
  const [shown, setShown] = useState<Shown<CommandOutput<N>>>(NOTHING);
  const latest = useRef(0);
  const opts = useRef(options);
  opts.current = options;

  const run = useCallback(
    async (input: CommandInput<N>): Promise<CommandResult<CommandOutput<N>>> => {
      const mine = ++latest.current;
      if (!opts.current.keepWhileBusy) setShown(NOTHING);
      setRunning((n) => n + 1);
      const result = await call(name, input);
      setRunning((n) => n - 1);
      if (mine !== latest.current) return result;
      const words = opts.current.failure ?? ((message: string) => message);
      if (result.ok) setShown({ error: null, result: result.value });
      else setShown((s) => ({ error: words(result.error.message), result: s.result }));
      return result;
    },
    [call, name],
  );
  const fail = useCallback((message: string) => setShown({ error: message, result: null }), []);
  const reset = useCallback(() => setShown(NOTHING), []);
  return { busy: running > 0, error: shown.error, result: shown.result, run, fail, reset };
}
