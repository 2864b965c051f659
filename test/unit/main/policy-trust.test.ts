// Issue 21 finding 1: a policy source counts only when administrators alone can change it and
// every folder above it. POSIX on real files and on a fake stat; Windows on sample ACLs, because
// the PowerShell reader cannot run here (the judge and the parser of its output are what is
// tested; docs/policy.md says how the installer makes the folder admins-only).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  aclScript,
  judgeWindowsAcls,
  parseAclLines,
  posixTrust,
  type WindowsAcl,
} from '../../../electron/main/policy-trust';

describe('macOS and Linux', () => {
  const tree: Record<string, { uid: number; mode: number }> = {
    '/': { uid: 0, mode: 0o40755 },
    '/etc': { uid: 0, mode: 0o40755 },
    '/etc/panic-desk': { uid: 0, mode: 0o40755 },
    '/etc/panic-desk/policy.json': { uid: 0, mode: 0o100644 },
  };
  const check = (changes: Record<string, { uid: number; mode: number }>, real = (p: string) => p) =>
    posixTrust((p) => {
      const info = { ...tree, ...changes }[p];
      if (!info) throw new Error(`no ${p}`);
      return info;
    }, real)('/etc/panic-desk/policy.json');

  it('trusts a root-owned file in root-owned folders none of which others can write', async () => {
    expect(await check({})).toBeNull();
  });

  it('refuses a file or any folder above it owned by a user, or writable by group or world', async () => {
    expect(await check({ '/etc/panic-desk/policy.json': { uid: 1000, mode: 0o100600 } })).toMatch(
      /policy\.json is owned by user 1000, not root/,
    );
    expect(await check({ '/etc/panic-desk': { uid: 0, mode: 0o40777 } })).toMatch(
      /\/etc\/panic-desk can be changed by other users \(mode 777\)/,
    );
    expect(await check({ '/etc': { uid: 0, mode: 0o40775 } })).toMatch(/\/etc can be changed/);
    expect(await check({ '/etc/panic-desk/policy.json': { uid: 0, mode: 0o100664 } })).toMatch(/mode 664/);
  });

  it("follows a link: where it leads must be the administrators' too", async () => {
    const home = {
      '/home': { uid: 0, mode: 0o40755 },
      '/home/op': { uid: 1000, mode: 0o40700 },
      '/home/op/p.json': { uid: 1000, mode: 0o100644 },
    };
    expect(await check(home, () => '/home/op/p.json')).toMatch(/owned by user 1000/);
  });

  it('on real files: a policy in a world-writable temporary folder is not trusted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-trust-'));
    mkdirSync(join(dir, 'panic-desk'));
    writeFileSync(join(dir, 'panic-desk', 'policy.json'), '{}');
    expect(await posixTrust()(join(dir, 'panic-desk', 'policy.json'))).toMatch(
      /can be changed by other users|not root/,
    );
  });
});

describe('Windows ACLs (sample answers of the PowerShell reader)', () => {
  const SYSTEM = 'S-1-5-18';
  const ADMINS = 'S-1-5-32-544';
  const USERS = 'S-1-5-32-545';
  const OPERATOR = 'S-1-5-21-1111-2222-3333-1001';
  const CREATOR_OWNER = 'S-1-3-0';
  const READ_EXECUTE = 0x1200a9;
  const FULL = 0x1f01ff;
  const MODIFY = 0x1301bf;
  const rule = (sid: string, rights: number, inheritOnly = false) => ({ sid, rights, allow: true, inheritOnly });
  // C:\ProgramData as Windows ships it: Users may create folders (WD/AD) in it, not delete them.
  const programData: WindowsAcl = {
    path: 'C:\\ProgramData',
    owner: SYSTEM,
    rules: [
      rule(SYSTEM, FULL),
      rule(ADMINS, FULL),
      rule(CREATOR_OWNER, FULL, true),
      rule(USERS, READ_EXECUTE),
      rule(USERS, 0x116),
    ],
  };
  const drive: WindowsAcl = {
    path: 'C:\\',
    owner: 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464',
    rules: [rule(SYSTEM, FULL), rule(ADMINS, FULL), rule(USERS, READ_EXECUTE), rule('S-1-5-11', 0x4, false)],
  };
  const adminFolder: WindowsAcl = {
    path: 'C:\\ProgramData\\Panic Desk',
    owner: ADMINS,
    rules: [rule(SYSTEM, FULL), rule(ADMINS, FULL), rule(USERS, READ_EXECUTE)],
  };
  const adminFile: WindowsAcl = {
    path: 'C:\\ProgramData\\Panic Desk\\policy.json',
    owner: ADMINS,
    rules: [rule(SYSTEM, FULL), rule(ADMINS, FULL), rule(USERS, READ_EXECUTE)],
  };

  it('trusts what the installer creates: admins-only folder and file under the stock ProgramData', () => {
    expect(judgeWindowsAcls([adminFile, adminFolder, programData, drive])).toBeNull();
  });

  it('refuses a folder an ordinary user created (the attack: ProgramData lets anyone create it)', () => {
    const planted = { ...adminFolder, owner: OPERATOR, rules: [...adminFolder.rules, rule(OPERATOR, FULL)] };
    const file = { ...adminFile, owner: OPERATOR };
    expect(judgeWindowsAcls([file, planted, programData, drive])).toMatch(/policy\.json is owned by S-1-5-21-/);
    expect(judgeWindowsAcls([adminFile, planted, programData, drive])).toMatch(/Panic Desk is owned by S-1-5-21-/);
  });

  it('refuses loose rights: users may modify the file, or delete and replace what a folder holds', () => {
    const writable = { ...adminFile, rules: [...adminFile.rules, rule(USERS, 0x2)] };
    expect(judgeWindowsAcls([writable, adminFolder, programData, drive])).toMatch(/can be changed by S-1-5-32-545/);
    const loose = { ...adminFolder, rules: [...adminFolder.rules, rule('S-1-1-0', MODIFY)] };
    expect(judgeWindowsAcls([adminFile, loose, programData, drive])).toMatch(/Panic Desk can be changed by S-1-1-0/);
    expect(judgeWindowsAcls([])).toMatch(/could not be read/);
  });

  it("parses the reader's lines, and quotes paths safely in its script", () => {
    const text = [
      'P|C:\\ProgramData\\Panic Desk\\policy.json',
      `O|${ADMINS}`,
      `R|${USERS}|1179817|1|0`,
      `R|${CREATOR_OWNER}|268435456|1|1`,
      '',
    ].join('\r\n');
    expect(parseAclLines(text)).toEqual([
      {
        path: 'C:\\ProgramData\\Panic Desk\\policy.json',
        owner: ADMINS,
        rules: [rule(USERS, 1179817), rule(CREATOR_OWNER, 268435456, true)],
      },
    ]);
    expect(aclScript(["C:\\it's"])).toContain("@('C:\\it''s')");
  });
});
