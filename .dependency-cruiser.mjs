/**
 * Import rules for electron/ and renderer/src (issue 25 item 1; docs/decisions.md, "Layers,
 * folders and names"). LAYERS is the order, bottom first: a folder imports only from its own
 * folder and from the layers below it, never upward and never sideways (a folder of the same
 * layer). main and preload sit on top of the core; the renderer sees only electron/shared.
 */
const LAYERS = [
  ['electron/shared'],
  ['electron/core/ports.ts'],
  ['electron/core/storage'],
  ['electron/core/diagnostics'],
  ['electron/core/aura', 'electron/core/siem'],
  ['electron/core/connection', 'electron/core/audit'],
  ['electron/core/policy', 'electron/core/conformance'],
  ['electron/core/dispatch'],
  // Monitor mode (issue 24): its rules, pace and view, which the desk composes.
  ['electron/core/monitor'],
  // The simulator (Training's AURA) sits beside the core: only the host above it starts it.
  ['electron/core/desk', 'electron/simulator'],
  ['electron/core/host'],
  ['electron/core/desk-host.ts'],
  ['electron/main', 'electron/preload'],
];

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A folder means everything under it; a file means that file. */
const pattern = (p) => (p.endsWith('.ts') ? `^${esc(p)}$` : `^${esc(p)}/`);

const layerRules = LAYERS.flatMap((layer, level) =>
  layer.map((folder) => {
    const above = LAYERS.slice(level + 1).flat();
    const beside = layer.filter((other) => other !== folder);
    return {
      name: `layer-${folder
        .replace(/^electron\//, '')
        .replace(/\.ts$/, '')
        .replace(/\//g, '-')}`,
      comment: `${folder} imports only its own folder and the layers below it (${
        LAYERS.slice(0, level).flat().join(', ') || 'none'
      }).`,
      severity: 'error',
      from: { path: pattern(folder) },
      to: { path: [...above, ...beside].map(pattern) },
    };
  }),
);

/** Cycles allowed for now: none (issue 25 item 4 broke the last, poller and follow-entry). */
const KNOWN_CYCLES = [];

export default {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle means a type or function lives where it is used, not where it is provided.',
      severity: 'error',
      from: KNOWN_CYCLES.length > 0 ? { pathNot: KNOWN_CYCLES } : {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'no-hosts-below',
      comment: 'core, shared and the simulator run under plain Node and never reach into main, preload or the page.',
      severity: 'error',
      from: { path: '^electron/(core|shared|simulator)/' },
      to: { path: ['^electron/(main|preload)/', '^renderer/'] },
    },
    {
      name: 'renderer-sees-shared-only',
      comment: 'The page knows only the wire: electron/shared (as @shared/*), never the core, main or the simulator.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^electron/', pathNot: '^electron/shared/' },
    },
    {
      name: 'simulator-sees-shared-only',
      comment: 'The simulator plays AURA: it shares the model, never the desk that talks to it.',
      severity: 'error',
      from: { path: '^electron/simulator/' },
      to: { path: '^electron/', pathNot: ['^electron/shared/', '^electron/simulator/'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import names a file or package that exists.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^|/)(node_modules|out|dist)/' },
  },
};
