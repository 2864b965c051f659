// The installer configuration, checked offline: electron-builder loads electron-builder.yml and
// validates it against its own schema (app-builder-lib's scheme.json), then our own requirements:
// targets, hardened runtime and notarization, icons, keytar unpacked, no rebuild step, no secret
// in the file, and the afterPack hook that sets the Electron Fuses (run on a stand-in binary).
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getCurrentFuseWire, FuseState, FuseV1Options } from '@electron/fuses';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';
import { UUID } from 'builder-util-runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import afterPack, { electronBinary, fuseConfig } from '../../../scripts/after-pack.mjs';
import { APP_ID } from '../../../electron/main/app-id';
import { TRAY_LEVELS } from '../../../electron/main/tray';

const ROOT = resolve(__dirname, '../../..');
const CONFIG_FILE = join(ROOT, 'electron-builder.yml');

let config: Configuration;
beforeAll(async () => {
  config = await getConfig(ROOT, CONFIG_FILE, null);
});

/** Width and height from a PNG's IHDR. */
function pngSize(path: string): { width: number; height: number } {
  const data = readFileSync(path);
  expect(data.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/** Target names of one platform's `target` list. */
function targets(list: unknown): string[] {
  return (Array.isArray(list) ? list : [list]).map((t: unknown) =>
    typeof t === 'string' ? t : String((t as { target: string }).target),
  );
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own validation", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is really validated (an unknown option is refused)', async () => {
    const broken = { ...config, mac: { ...config.mac, hardenedRuntimee: true } } as Configuration;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/configuration\.mac/);
  });

  it('builds Windows NSIS and MSI, macOS DMG and pkg, Linux AppImage, deb and rpm', () => {
    // The same id the app gives Windows for its notifications.
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe('Panic Desk');
    expect(targets(config.win?.target)).toEqual(['nsis', 'msi']);
    expect(targets(config.mac?.target)).toEqual(['dmg', 'pkg']);
    expect(targets(config.linux?.target)).toEqual(['AppImage', 'deb', 'rpm']);
  });

  it('installs per machine for managed deployment (Intune runs installers as SYSTEM)', () => {
    expect(config.nsis?.perMachine).toBe(true);
    expect(config.nsis?.oneClick).toBe(false);
    expect(config.msi?.perMachine).toBe(true);
    expect(config.msi?.runAfterFinish).toBe(false);
    // A fixed upgrade code: a new MSI replaces the old one instead of installing beside it.
    expect(config.msi?.upgradeCode).toMatch(/^[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}$/);
    expect(config.pkg?.installLocation).toBe('/Applications');
    expect(config.pkg?.allowCurrentUserHome).toBe(false);
    expect(config.rpm?.depends).toContain('libsecret');
  });

  it('ships the admin templates and documents silent installs, detection and policy', () => {
    expect(JSON.stringify(config.extraResources)).toContain('resources/policy');
    const deploy = readFileSync(join(ROOT, 'docs/deploy.md'), 'utf8');
    for (const words of ['/S /allusers', 'msiexec /i', '/qn', 'Detection rule', 'installer -pkg', 'rpm', 'icacls']) {
      expect(deploy, words).toContain(words);
    }
    // The detection rule names the uninstall key electron-builder's NSIS writes for this app id.
    const guid = UUID.v5(APP_ID, UUID.parse('50e065bc-3134-11e6-9bab-38c9862bdaf3'));
    expect(deploy).toContain(`CurrentVersion\\Uninstall\\${guid}`);
  });

  it('signs macOS with the hardened runtime, its entitlements and notarization', () => {
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.notarize).toBe(true);
    const entitlements = config.mac?.entitlements ?? '';
    expect(existsSync(join(ROOT, entitlements))).toBe(true);
    const plist = readFileSync(join(ROOT, entitlements), 'utf8');
    expect(plist).toContain('com.apple.security.cs.allow-jit');
    // Least privilege: no devices, no disabled library validation.
    expect(plist).not.toMatch(/device\.|disable-library-validation|personal-information/);
  });

  it('takes signing from the environment only: no certificate or password in the file', () => {
    const text = readFileSync(CONFIG_FILE, 'utf8');
    const keys = ['cscLink', 'cscKeyPassword', 'cscInstallerLink', 'cscInstallerKeyPassword', 'identity'];
    for (const platform of [config, config.mac, config.win, config.linux]) {
      for (const key of keys) expect(platform?.[key as keyof typeof platform], key).toBeUndefined();
    }
    expect(text).not.toMatch(/^\s*(csc\w*|identity|password)\s*:/im);
  });

  it('unpacks keytar from the ASAR and never rebuilds native modules while packaging', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/keytar/**');
    expect(config.asarUnpack).toContain('**/node_modules/native-reg/**');
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
    expect(config.buildDependenciesFromSource).toBe(false);
    expect(config.deb?.depends).toContain('libsecret-1-0');
  });

  it('has its icons in resources/', () => {
    const icon = pngSize(join(ROOT, config.mac?.icon ?? ''));
    expect(icon.width).toBeGreaterThanOrEqual(512);
    expect(icon.width).toBe(icon.height);
    expect(config.win?.icon).toBe(config.mac?.icon);
    expect(pngSize(join(ROOT, config.linux?.icon ?? '', '256x256.png'))).toEqual({ width: 256, height: 256 });
    expect(pngSize(join(ROOT, config.linux?.icon ?? '', '512x512.png'))).toEqual({ width: 512, height: 512 });
    for (const level of TRAY_LEVELS) {
      expect(pngSize(join(ROOT, 'resources/tray', `tray-${level}.png`))).toEqual({ width: 16, height: 16 });
      expect(pngSize(join(ROOT, 'resources/tray', `tray-${level}@2x.png`))).toEqual({ width: 32, height: 32 });
    }
  });

  it('ships the built bundles and the icons the main process loads', () => {
    expect(JSON.stringify(config.files)).toContain('out/**/*');
    const extra = JSON.stringify(config.extraResources);
    expect(extra).toContain('resources/tray');
    expect(extra).toContain('resources/icon.png');
  });

  it('has an npm script that builds the installers', () => {
    const scripts = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    expect(scripts.dist).toMatch(/electron-vite build && electron-builder/);
  });
});

describe('electron-builder.release.yml (release builds)', () => {
  const RELEASE_FILE = join(ROOT, 'electron-builder.release.yml');
  let release: Configuration;
  beforeAll(async () => {
    release = await getConfig(ROOT, RELEASE_FILE, null);
  });

  it('is the base configuration plus forceCodeSigning: a release refuses to build unsigned', async () => {
    await expect(validateConfiguration(release, new DebugLogger(false))).resolves.toBeUndefined();
    expect(release.forceCodeSigning).toBe(true);
    expect(release.appId).toBe(config.appId);
    expect(release.afterPack).toBe(config.afterPack);
    expect(release.mac?.notarize).toBe(true);
    expect(release.mac?.hardenedRuntime).toBe(true);
  });

  it('leaves the plain configuration unsigned-friendly for local builds', () => {
    expect(config.forceCodeSigning ?? false).toBe(false);
  });

  it('has its own npm script; npm run dist stays the local, unsigned build', () => {
    const scripts = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    expect(scripts['dist:release']).toMatch(
      /electron-vite build && electron-builder --config electron-builder\.release\.yml/,
    );
    expect(scripts.dist).not.toContain('release');
  });
});

describe('Electron Fuses (afterPack)', () => {
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
  const WIRE_LENGTH = 9;

  /** A stand-in for the Electron binary: some bytes, the fuse sentinel and a wire of 9 fuses. */
  function fakeElectron(dir: string, name: string): string {
    const wire = Buffer.alloc(WIRE_LENGTH, FuseState.ENABLE);
    wire[FuseV1Options.EnableCookieEncryption] = FuseState.DISABLE;
    wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation] = FuseState.DISABLE;
    wire[FuseV1Options.OnlyLoadAppFromAsar] = FuseState.DISABLE;
    const bytes = Buffer.concat([
      Buffer.alloc(4096, 7),
      Buffer.from(SENTINEL, 'ascii'),
      Buffer.from([1, WIRE_LENGTH]),
      wire,
      Buffer.alloc(4096, 7),
    ]);
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  }

  it('is the hook electron-builder runs', () => {
    expect(config.afterPack).toBe('./scripts/after-pack.mjs');
    expect(existsSync(join(ROOT, 'scripts/after-pack.mjs'))).toBe(true);
  });

  it('finds the binary on each platform', () => {
    const packager = { appInfo: { productFilename: 'Panic Desk' }, executableName: 'panic-desk' };
    const at = (electronPlatformName: string) =>
      electronBinary({ appOutDir: '/o', electronPlatformName, arch: 1, packager });
    expect(at('linux')).toBe(join('/o', 'panic-desk'));
    expect(at('win32')).toBe(join('/o', 'Panic Desk.exe'));
    expect(at('darwin')).toBe(join('/o', 'Panic Desk.app'));
    expect(
      fuseConfig({ appOutDir: '/o', electronPlatformName: 'darwin', arch: 3, packager }).resetAdHocDarwinSignature,
    ).toBe(true);
  });

  it('turns off RunAsNode, NODE_OPTIONS, inspect and file:// privileges; turns on cookie encryption, ASAR integrity, ASAR only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fuses-'));
    const binary = fakeElectron(dir, 'panic-desk');
    const untouched = join(dir, 'before');
    copyFileSync(binary, untouched);

    await afterPack({
      appOutDir: dir,
      electronPlatformName: 'linux',
      arch: 1,
      packager: { appInfo: { productFilename: 'Panic Desk' }, executableName: 'panic-desk' },
    });

    const wire = await getCurrentFuseWire(binary);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    // The page is served from app://: file:// keeps no extra privileges.
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    // Only the wire changed.
    expect(readFileSync(binary).length).toBe(readFileSync(untouched).length);
  });
});
