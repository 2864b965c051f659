/** Import rules for electron/ and renderer/src (issue 25). Rules tighten as the layers land. */
export default {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle means a type or function lives where it is used, not where it is provided.',
      severity: 'warn',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^|/)(node_modules|out|dist)/' },
  },
};
