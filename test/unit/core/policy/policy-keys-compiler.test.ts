// The compiler refuses a policy key declared by halves (issue 25 item 5): each snippet below is
// type-checked, with the project's tsconfig, as a file beside the table, through TypeScript's API;
// policy.ts with the screen's lock names one name short; the screen asking about a key that is no
// lock. One program for all (it is slow).
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../../../..');
const LOCK_NAMES = join(ROOT, 'electron/shared/model/lock-names.ts');
const POLICY = join(ROOT, 'electron/core/policy/policy.ts');
const SCREEN = join(ROOT, 'renderer/src/ui/locked-probe.ts');
const SCREEN_TEXT = [
  "import { UNMANAGED } from '@shared/model/desk-state';",
  "import { isLocked } from './Locked';",
  "export const hold = isLocked({ policy: UNMANAGED }, 'holdMs');",
  "export const training = isLocked({ policy: UNMANAGED }, 'trainingAllowed');",
  '',
].join('\n');

const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), (path) => ts.sys.readFile(path));
const options = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT).options;

/** The compiler's errors in each of `files`, with `replaced` files read as the given text. */
function errors(files: string[], replaced: Record<string, string>): Map<string, string> {
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists } = host;
  host.getSourceFile = (path, language) => {
    const text = replaced[path];
    return text === undefined ? getSourceFile.call(host, path, language) : ts.createSourceFile(path, text, language);
  };
  host.fileExists = (path) => path in replaced || fileExists.call(host, path);
  const program = ts.createProgram({ rootNames: files, options, host });
  return new Map(
    files.map((file) => [
      file,
      ts
        .getPreEmitDiagnostics(program, program.getSourceFile(file))
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
        .join('\n'),
    ]),
  );
}

const WORDS = `title: 'Kiosk', description: 'Kiosk mode.'`;
const WHOLE = `schema: z.boolean(), ${WORDS}, example: true, registry: 'onOff', lockable: true, setting: 'notifications'`;
const HALVES: Array<[string, string, RegExp]> = [
  ['no registry type', `schema: z.boolean(), ${WORDS}, example: true, lockable: false`, /'registry' is missing/],
  [
    'a registry type its value cannot take',
    `schema: z.boolean(), ${WORDS}, example: true, registry: 'text', lockable: false`,
    /"text"' is not assignable to type '"onOff"'/,
  ],
  [
    'a list written as text',
    `schema: z.array(z.string()), ${WORDS}, example: [], registry: 'text', lockable: false`,
    /"text"' is not assignable to type '"list"'/,
  ],
  [
    'a setting of another type',
    `schema: z.string(), ${WORDS}, example: 'x', registry: 'text', lockable: true, setting: 'holdMs'`,
    /"holdMs"' is not assignable/,
  ],
  [
    'a setting that does not exist',
    `schema: z.number(), ${WORDS}, example: 1, registry: 'number', lockable: true, setting: 'holdSeconds'`,
    /"holdSeconds"' is not assignable/,
  ],
  [
    'no words',
    `schema: z.number(), example: 1, registry: 'number', lockable: false`,
    /properties .*: title, description/,
  ],
  [
    'an example of another type',
    `schema: z.number(), ${WORDS}, example: 'ten', registry: 'number', lockable: false`,
    /'string' is not assignable to type 'number'/,
  ],
  ['no lockable', `schema: z.number(), ${WORDS}, example: 1, registry: 'number'`, /'lockable' is missing/],
];

const probeFile = (i: number): string => join(ROOT, `electron/core/policy/policy-key-probe-${i}.ts`);
const probeText = (entry: string): string =>
  `import { z } from 'zod';\nimport { policyKey } from './policy-key';\nexport const key = policyKey({ ${entry} });\n`;
const probes = [WHOLE, ...HALVES.map(([, entry]) => entry)];
const staleLockNames = (ts.sys.readFile(LOCK_NAMES) ?? '').replace("  'quickMessages',\n", '');
const found = errors([...probes.map((_, i) => probeFile(i)), POLICY, SCREEN], {
  ...Object.fromEntries(probes.map((entry, i) => [probeFile(i), probeText(entry)])),
  [LOCK_NAMES]: staleLockNames,
  [SCREEN]: SCREEN_TEXT,
});

describe('the compiler', () => {
  it('takes a whole key', () => {
    expect(found.get(probeFile(0))).toBe('');
  });

  it.each(HALVES.map(([what, , problem], i) => [what, i + 1, problem] as const))('refuses %s', (_, i, problem) => {
    expect(found.get(probeFile(i))).toMatch(problem);
  });

  it('refuses the screen’s lock names out of step with the table (until npm run policy:templates)', () => {
    expect(staleLockNames).not.toContain('quickMessages');
    expect(found.get(POLICY)).toMatch(/lock-names.ts differs from the table: run npm run policy:templates/);
  });

  it('lets the screen ask about a lock, and refuses a key that is no lock', () => {
    // One error only: the line asking about trainingAllowed (holdMs is a lock).
    expect(found.get(SCREEN)?.split('\n')[0]).toMatch(
      /^Argument of type '"trainingAllowed"' is not assignable to parameter/,
    );
    expect(found.get(SCREEN)).not.toMatch(/holdMs"' is not assignable/);
  });
});
