// The harness's diagnostics: the same redacting DiagnosticsLog as the app, written to a rotating
// file in the data folder (logs/panic-desk.log, 5 files of 1 MB); "Export diagnostics" writes its
// zip into the data folder too (a browser page cannot show a save dialog of this machine).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { DiagnosticsShell } from '../../electron/core/host/diagnostics-export';
import { DiagnosticsLog } from '../../electron/core/diagnostics/log';
import { RotatingFileLog } from '../../electron/core/diagnostics/rotating-file';

const PackageSchema = z.object({ version: z.string() });

export function harnessDiagnostics(
  dataDir: string,
  proxy: string | null,
): { log: DiagnosticsLog; shell: DiagnosticsShell } {
  const file = new RotatingFileLog(join(dataDir, 'logs', 'panic-desk.log'));
  const pkg = PackageSchema.parse(JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')));
  return {
    log: new DiagnosticsLog(file),
    shell: {
      chooseFile: async (name) => join(dataDir, name),
      logFiles: () => file.files(),
      versions: { app: pkg.version, host: 'web harness' },
      networkRoute: async () => ({ via: 'Node (undici): HTTPS_PROXY, NO_PROXY, PANIC_DESK_CA_FILE', proxy }),
    },
  };
}
