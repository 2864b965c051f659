// "Export diagnostics" in the app: the operator picks where the zip goes in a native save dialog
// (cancel is fine: nothing is written); the bundle adds the app's version and the network route
// Chromium takes to AURA (the proxy its settings, PAC or WPAD give for AURA's address).
import type { DiagnosticsShell } from '../core/host/diagnostics-export';

/** The piece of Electron's `dialog` this needs (the real one fits; the tests pass a fake). */
export interface SaveDialog {
  showSaveDialog(options: {
    title: string;
    defaultPath: string;
    buttonLabel: string;
    filters: Array<{ name: string; extensions: string[] }>;
  }): Promise<{ canceled: boolean; filePath?: string }>;
}

/** Electron's `session.defaultSession.resolveProxy`: "DIRECT", "PROXY host:port; DIRECT", … */
export type ResolveProxy = (url: string) => Promise<string>;

/** The route AURA traffic takes from the app (main hands net.fetch to the core: aura-fetch.ts). */
export async function electronNetworkRoute(resolveProxy: ResolveProxy, baseUrl: string | null) {
  const via = 'Electron net.fetch (system proxy settings, PAC/WPAD, OS certificate store)';
  if (!baseUrl) return { via, proxy: null };
  try {
    return { via, proxy: await resolveProxy(baseUrl) };
  } catch (error) {
    return { via, proxy: `not known (${error instanceof Error ? error.message : String(error)})` };
  }
}

export function appDiagnosticsShell(
  dialog: SaveDialog,
  app: { getVersion(): string; getPath(name: 'documents'): string },
  logFiles: () => string[],
  resolveProxy: ResolveProxy,
): DiagnosticsShell {
  return {
    async chooseFile(suggestedName) {
      const picked = await dialog.showSaveDialog({
        title: 'Export diagnostics',
        defaultPath: `${app.getPath('documents')}/${suggestedName}`,
        buttonLabel: 'Export',
        filters: [{ name: 'Zip archive', extensions: ['zip'] }],
      });
      return picked.canceled || !picked.filePath ? null : picked.filePath;
    },
    logFiles,
    versions: { app: app.getVersion(), host: 'electron' },
    networkRoute: (baseUrl) => electronNetworkRoute(resolveProxy, baseUrl),
  };
}
