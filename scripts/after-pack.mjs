// electron-builder afterPack hook: flips the Electron Fuses of the packaged binary before it is
// signed. The packaged app cannot be turned into a Node runtime (RunAsNode), takes no NODE_OPTIONS
// and no --inspect, encrypts its cookies, checks the ASAR's integrity, loads the app only from
// that ASAR, and gives file:// no extra privileges (the page comes from app://, not file://).
// Fuses live in the binary itself, so no argument or variable can undo them.
/* global console */
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';

/** electron-builder's Arch enum values for the macOS slices whose ad-hoc signature must be redone. */
const ARM64 = 3;
const UNIVERSAL = 4;

export const FUSES = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The Electron binary electron-builder just laid out, per platform. */
export function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'linux':
      return join(appOutDir, packager.executableName);
    default:
      throw new Error(`Panic Desk: no fuse settings for platform ${electronPlatformName}`);
  }
}

export function fuseConfig(context) {
  const mac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  return {
    version: FuseVersion.V1,
    // Flipping bytes breaks the arm64 ad-hoc signature; an unsigned build would not start.
    resetAdHocDarwinSignature: mac && (context.arch === ARM64 || context.arch === UNIVERSAL),
    ...FUSES,
  };
}

export default async function afterPack(context) {
  const binary = electronBinary(context);
  await flipFuses(binary, fuseConfig(context));
  console.log(`  • Panic Desk: Electron fuses set on ${binary}`);
}
