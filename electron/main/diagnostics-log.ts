// The app's diagnostics log: electron-log writing main.log in the OS's usual logs folder (the
// composition root passes Electron's app.getPath('logs'): ~/Library/Logs/Panic Desk,
// %APPDATA%\Panic Desk\logs, ~/.config/Panic Desk/logs), rotated by core's rotateLogFiles into 5
// files of 1 MB, behind core's redacting DiagnosticsLog. electron-log's Node entry, not its `main`
// one: that one registers IPC channels a renderer could write log lines through; we need none.
import { join } from 'node:path';
import log from 'electron-log/node';
import { DiagnosticsLog } from '../core/diagnostics/log';
import { DEFAULT_ROTATION, logFilesOf, rotateLogFiles } from '../core/diagnostics/rotating-file';

export interface AppDiagnosticsLog {
  log: DiagnosticsLog;
  /** The log files, oldest first. */
  files(): string[];
}

export function openDiagnosticsLog(folder: string): AppDiagnosticsLog {
  const file = log.transports.file;
  file.maxSize = DEFAULT_ROTATION.maxBytes;
  file.archiveLogFn = (old) => rotateLogFiles(old.path, DEFAULT_ROTATION.files);
  file.resolvePathFn = () => join(folder, 'main.log');
  // The terminal of `npm start` shows warnings and errors; the file keeps every line.
  log.transports.console.level = 'warn';
  const sink = {
    info: (line: string) => log.info(line),
    warn: (line: string) => log.warn(line),
    error: (line: string) => log.error(line),
  };
  return {
    log: new DiagnosticsLog(sink),
    files: () => logFilesOf(file.getFile().path, DEFAULT_ROTATION.files),
  };
}
