// The Windows registry through a native module (native-reg, prebuilt for Windows only), behind a
// port the tests fake: it cannot load on Linux or macOS, so it is loaded lazily, on win32 only.
// Values arrive as UTF-16 from the API itself (no console code page: "Réception" stays itself),
// and only HKEY_LOCAL_MACHINE is read (what Group Policy and Intune write; HKCU is the user's).
import { createRequire } from 'node:module';
import type { RegistryValue } from './registry-values';

export interface RegistryPort {
  /**
   * The values of a key under HKEY_LOCAL_MACHINE (64-bit view); null when the key does not
   * exist. Throws when it exists but cannot be read (access denied, a broken module…).
   */
  readLocalMachineKey(subKey: string): Promise<Record<string, RegistryValue> | null>;
}

type NativeReg = typeof import('native-reg');

/**
 * native-reg by CommonJS require (from app.asar.unpacked in the app, electron-builder.yml), at
 * the first read: requiring it anywhere but Windows fails.
 */
const requireNativeReg = (): NativeReg => createRequire(__filename)('native-reg') as NativeReg;

/** The registry of this Windows machine; native-reg is loaded at the first read. */
export function nativeRegistry(load: () => NativeReg = requireNativeReg): RegistryPort {
  let module: NativeReg | null = null;
  return {
    async readLocalMachineKey(subKey) {
      module ??= load();
      const reg = module;
      const key = reg.openKey(reg.HKLM, subKey, reg.Access.READ | reg.Access.WOW64_64KEY);
      if (key === null) return null;
      try {
        const values: Record<string, RegistryValue> = {};
        for (const name of reg.enumValueNames(key)) {
          const raw = reg.queryValueRaw(key, name);
          if (raw) values[name] = decode(reg, raw);
        }
        return values;
      } finally {
        reg.closeKey(key);
      }
    },
  };
}

function decode(reg: NativeReg, raw: NonNullable<ReturnType<NativeReg['queryValueRaw']>>): RegistryValue {
  switch (raw.type) {
    case reg.ValueType.SZ:
    case reg.ValueType.EXPAND_SZ: // not expanded: the process environment is not IT's
      return { type: 'string', value: reg.parseString(raw) };
    case reg.ValueType.DWORD:
      return { type: 'number', value: raw.readUInt32LE(0) };
    case reg.ValueType.QWORD:
      return { type: 'number', value: Number(raw.readBigUInt64LE(0)) };
    case reg.ValueType.MULTI_SZ:
      return { type: 'list', value: reg.parseMultiString(raw) };
    default:
      return { type: 'other', value: `registry type ${raw.type}` };
  }
}
