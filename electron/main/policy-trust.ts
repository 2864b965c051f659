// Who may set policy (issue 21 finding 1): a policy file or managed plist counts only when it and
// every folder above it can be changed by administrators alone. Otherwise any local user could
// plant one (ordinary users may create folders under C:\ProgramData) and lock the desk down.
//   macOS, Linux: each of them owned by root and neither group- nor world-writable.
//   Windows: each owned by SYSTEM, Administrators or TrustedInstaller, and no one else granted a
//   right to change it (the file), or to delete, rename or re-permission what it holds (folders).
//   Creating a new entry in a folder stays allowed (C:\ProgramData lets Users do it): the new
//   entry is owned by its creator and so fails the check itself.
// The Windows ACLs are read by PowerShell (.NET only, no modules) and judged here; the judge is
// tested on sample ACLs, the reader cannot run on this project's Linux machines.
import { execFile } from 'node:child_process';
import { lstatSync, realpathSync } from 'node:fs';
import { posix, win32 } from 'node:path';

/** Null when only administrators can change the path; else why not, in words for IT. */
export type TrustCheck = (path: string) => Promise<string | null>;

/** The path and every folder above it, the path first. */
export function chain(path: string, paths: typeof posix | typeof win32): string[] {
  const out = [path];
  for (let dir = paths.dirname(path); dir !== out.at(-1); dir = paths.dirname(dir)) out.push(dir);
  return out;
}

export interface PosixStat {
  uid: number;
  mode: number;
}

/** macOS and Linux: root-owned and not group- or world-writable, the file and each folder above it. */
export function posixTrust(
  stat: (path: string) => PosixStat = lstatSync,
  realpath: (path: string) => string = realpathSync,
): TrustCheck {
  return async (path) => {
    let real: string;
    try {
      real = realpath(path);
    } catch (error) {
      return `${path} could not be checked: ${(error as Error).message}`;
    }
    // The path as named and where its links lead: both must be the administrators' alone.
    for (const item of new Set([...chain(path, posix), ...chain(real, posix)])) {
      const info = stat(item);
      if (info.uid !== 0) return `${item} is owned by user ${info.uid}, not root`;
      if ((info.mode & 0o022) !== 0)
        return `${item} can be changed by other users (mode ${(info.mode & 0o777).toString(8)})`;
    }
    return null;
  };
}

/** An access control list as PowerShell reports it (SIDs, .NET FileSystemRights bits). */
export interface WindowsAcl {
  path: string;
  owner: string;
  rules: Array<{ sid: string; rights: number; allow: boolean; inheritOnly: boolean }>;
}

const ADMIN_SIDS = new Set([
  'S-1-5-18', // SYSTEM
  'S-1-5-32-544', // Administrators
  'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464', // TrustedInstaller
]);
// FileSystemRights bits, and the generic rights a raw ACE may still hold.
const WRITE_DATA = 0x2;
const APPEND_DATA = 0x4;
const WRITE_EXTENDED_ATTRIBUTES = 0x10;
const DELETE_CHILD = 0x40;
const WRITE_ATTRIBUTES = 0x100;
const DELETE = 0x10000;
const WRITE_DAC = 0x40000;
const WRITE_OWNER = 0x80000;
const GENERIC_ALL = 0x10000000;
const GENERIC_WRITE = 0x40000000;
/** Rights that let someone replace or re-permission what a folder holds. */
const FOLDER_RIGHTS = DELETE_CHILD | DELETE | WRITE_DAC | WRITE_OWNER | GENERIC_ALL;
/** Rights that let someone change the policy file itself. */
const FILE_RIGHTS =
  FOLDER_RIGHTS | WRITE_DATA | APPEND_DATA | WRITE_EXTENDED_ATTRIBUTES | WRITE_ATTRIBUTES | GENERIC_WRITE;

/** Judges the ACLs of a file and each folder above it (file first): null when trusted. */
export function judgeWindowsAcls(acls: readonly WindowsAcl[]): string | null {
  if (!acls.length) return 'its permissions could not be read';
  for (const [index, acl] of acls.entries()) {
    if (!ADMIN_SIDS.has(acl.owner)) return `${acl.path} is owned by ${acl.owner}, not SYSTEM or Administrators`;
    const rights = index === 0 ? FILE_RIGHTS : FOLDER_RIGHTS;
    const loose = acl.rules.find(
      (r) => r.allow && !r.inheritOnly && !ADMIN_SIDS.has(r.sid) && (r.rights & rights) !== 0,
    );
    if (loose) return `${acl.path} can be changed by ${loose.sid}, not only by administrators`;
  }
  return null;
}

/** Parses the reader's output: `P|path`, `O|owner sid`, `R|sid|rights|allow|inheritOnly` lines. */
export function parseAclLines(text: string): WindowsAcl[] {
  const acls: WindowsAcl[] = [];
  for (const line of text.split(/\r?\n/)) {
    const [kind, ...fields] = line.split('|');
    const current = acls.at(-1);
    if (kind === 'P') acls.push({ path: fields.join('|'), owner: '', rules: [] });
    else if (kind === 'O' && current) current.owner = fields[0] ?? '';
    else if (kind === 'R' && current && fields.length === 4) {
      const [sid = '', rights = '', allow = '', inheritOnly = ''] = fields;
      current.rules.push({ sid, rights: Number(rights) >>> 0, allow: allow === '1', inheritOnly: inheritOnly === '1' });
    }
  }
  return acls;
}

/** The PowerShell script that prints each path's owner and access rules (no modules, .NET only). */
export function aclScript(paths: readonly string[]): string {
  const quoted = paths.map((p) => `'${p.replace(/'/g, "''")}'`).join(',');
  return [
    "$ErrorActionPreference = 'Stop'",
    '$sid = [System.Security.Principal.SecurityIdentifier]',
    `foreach ($p in @(${quoted})) {`,
    '  if ([System.IO.Directory]::Exists($p)) { $acl = (New-Object System.IO.DirectoryInfo $p).GetAccessControl() }',
    '  else { $acl = (New-Object System.IO.FileInfo $p).GetAccessControl() }',
    '  [Console]::Out.WriteLine("P|" + $p)',
    '  [Console]::Out.WriteLine("O|" + $acl.GetOwner($sid).Value)',
    '  foreach ($r in $acl.GetAccessRules($true, $true, $sid)) {',
    "    $allow = if ($r.AccessControlType -eq 'Allow') { '1' } else { '0' }",
    "    $io = if (($r.PropagationFlags -band 2) -ne 0) { '1' } else { '0' }",
    '    [Console]::Out.WriteLine("R|" + $r.IdentityReference.Value + "|" + [int64]$r.FileSystemRights + "|" + $allow + "|" + $io)',
    '  }',
    '}',
  ].join('\n');
}

/**
 * Windows: runs the script with Windows PowerShell by absolute path, with an environment of our
 * own (no PSModulePath or profile of the operator's), and judges its answer.
 */
export function windowsTrust(systemRoot: string): TrustCheck {
  const program = win32.join(systemRoot, 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');
  return (path) =>
    new Promise((resolve) => {
      const script = Buffer.from(aclScript(chain(path, win32)), 'utf16le').toString('base64');
      const args = ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', script];
      const env = { SystemRoot: systemRoot, windir: systemRoot };
      execFile(program, args, { env, timeout: 20_000, windowsHide: true, maxBuffer: 1_000_000 }, (error, stdout) =>
        resolve(
          error ? `its permissions could not be read (${error.message})` : judgeWindowsAcls(parseAclLines(stdout)),
        ),
      );
    });
}
