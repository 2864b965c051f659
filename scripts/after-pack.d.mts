// Types of scripts/after-pack.mjs, for the tests that import it.
import type { FuseConfig } from '@electron/fuses';

export interface AfterPackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName: string };
}

export declare const FUSES: Record<number, boolean>;
export declare function electronBinary(context: AfterPackContext): string;
export declare function fuseConfig(context: AfterPackContext): FuseConfig;
export default function afterPack(context: AfterPackContext): Promise<void>;
