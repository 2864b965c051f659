// Quitting while a callout is active (or a press is not yet sent) asks first: once Panic Desk is
// gone, nobody follows the callout on this desk. Every way to quit passes through before-quit.
import type { DeskHost } from '../core/desk-host';
import type { DeskState } from '../shared/model/desk-state';
import type { ShellApi } from './shell-api';

/** Callouts that still matter, and presses that have not reached AURA yet. */
export function activeWork(state: DeskState): { callouts: number; unsent: number } {
  const callouts = state.callouts.filter((c) => c.stage !== 'closed' && c.stage !== 'cancelled').length;
  const unsent = state.presses.filter((p) => p.status !== 'sent' && p.status !== 'failed').length;
  return { callouts, unsent };
}

export interface QuitGuard {
  readonly quitting: boolean;
  /** Quits, after confirmation when work is active. */
  requestQuit(): void;
}

export interface QuitGuardOptions {
  host: Pick<DeskHost, 'getState'>;
  /** Runs once before the app exits (stop the desk, release the hotkey). */
  cleanup(): Promise<void>;
}

export const QUIT_BUTTONS = ['Keep Panic Desk running', 'Quit anyway'];

export function installQuitGuard(api: Pick<ShellApi, 'app' | 'dialog'>, options: QuitGuardOptions): QuitGuard {
  let quitting = false;
  let asking = false;

  const confirm = async (): Promise<boolean> => {
    const { callouts, unsent } = activeWork(options.host.getState());
    if (callouts === 0 && unsent === 0) return true;
    const what = [
      callouts ? `${callouts} active callout${callouts === 1 ? '' : 's'}` : '',
      unsent ? `${unsent} press${unsent === 1 ? '' : 'es'} not yet sent` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    const { response } = await api.dialog.showMessageBox({
      type: 'warning',
      buttons: QUIT_BUTTONS,
      defaultId: 0,
      cancelId: 0,
      title: 'Quit Panic Desk?',
      message: `This desk has ${what}.`,
      detail:
        'If you quit, this desk stops following it until Panic Desk runs again. Unsent presses are kept and sent on the next start.',
      noLink: true,
    });
    return response === 1;
  };

  const proceed = async (): Promise<void> => {
    if (asking) return;
    asking = true;
    try {
      if (!(await confirm())) return;
      quitting = true;
      await options.cleanup().catch(() => undefined);
      api.app.quit();
    } finally {
      asking = false;
    }
  };

  api.app.on('before-quit', (event) => {
    if (quitting) return;
    // Hold the quit until the operator answered and the desk stopped cleanly.
    event.preventDefault();
    void proceed();
  });

  return {
    get quitting() {
      return quitting;
    },
    requestQuit: () => void proceed(),
  };
}
