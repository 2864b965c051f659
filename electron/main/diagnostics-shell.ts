// "Export diagnostics" in the app: the operator picks the folder in a native dialog (cancel is
// fine: nothing is written); the bundle adds the app's version to what core gathers.
import type { DiagnosticsShell } from '../core/diagnostics/export';

/** The piece of Electron's `dialog` this needs (the real one fits; the tests pass a fake). */
export interface FolderDialog {
  showOpenDialog(options: {
    title: string;
    buttonLabel: string;
    properties: Array<'openDirectory' | 'createDirectory'>;
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
}

export function appDiagnosticsShell(
  dialog: FolderDialog,
  app: { getVersion(): string },
  logFiles: () => string[],
): DiagnosticsShell {
  return {
    async chooseFolder(suggestedName) {
      const picked = await dialog.showOpenDialog({
        title: `Export diagnostics: choose a folder for ${suggestedName}`,
        buttonLabel: 'Export here',
        properties: ['openDirectory', 'createDirectory'],
      });
      return picked.canceled ? null : (picked.filePaths[0] ?? null);
    },
    logFiles,
    versions: { app: app.getVersion(), host: 'electron' },
  };
}
