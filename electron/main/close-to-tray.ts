// Closing the window hides it: the desk keeps following callouts and the hotkey keeps working.
// Only a real quit (tray menu, Cmd+Q, system shutdown) lets the window close.
import type { ShellWindow } from './shell-api';

export function keepInTray(win: ShellWindow, isQuitting: () => boolean): void {
  win.on('close', (event) => {
    if (isQuitting()) return;
    event.preventDefault();
    win.hide();
  });
}

/** Brings the window to the front (second launch, tray "Show", tray click). */
export function showWindow(win: ShellWindow): void {
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
