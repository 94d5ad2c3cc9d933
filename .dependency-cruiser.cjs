/**
 * Layer rules of AppSync Workbench (see docs/architecture.md). A violation fails `npm test`.
 * test/tooling/layer-rules.test.ts proves each rule fires on a deliberate violation.
 */
const NODE_BUILTIN = { dependencyTypes: ['core'] };

module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment: 'shared/ holds the contract and types: no Node, no DOM host, no electron, no main/.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { pathNot: ['^shared/', '^node_modules/zod/'] },
    },
    {
      name: 'renderer-no-node',
      comment: 'The renderer runs sandboxed in Chromium: no Node built-ins.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: NODE_BUILTIN,
    },
    {
      name: 'renderer-only-shared-and-browser',
      comment: 'The renderer reaches main only through the contract: never main/ or electron.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: ['^main/', '(^|/)node_modules/electron/'] },
    },
    {
      name: 'core-no-electron-or-hosts',
      comment: 'main/core is plain Node: no electron, no renderer, no host, no router.',
      severity: 'error',
      from: { path: '^main/core/' },
      to: {
        path: [
          '(^|/)node_modules/electron/',
          '^renderer/',
          '^main/(electron|web|cli|ipc|sandbox|hosting)/',
        ],
      },
    },
    {
      name: 'ipc-only-core-and-shared',
      comment: 'main/ipc sees the core and the contract, never a transport or electron.',
      severity: 'error',
      from: { path: '^main/ipc/' },
      to: {
        path: ['(^|/)node_modules/electron/', '^renderer/', '^main/(electron|web|cli|sandbox)/'],
      },
    },
    {
      name: 'hosts-do-not-import-each-other',
      comment: 'electron, web and cli are separate composition roots.',
      severity: 'error',
      from: { path: '^main/(electron|web|cli)/' },
      to: { path: '^main/(electron|web|cli)/', pathNot: '^main/$1/' },
    },
    {
      name: 'hosting-serves-hosts-only',
      comment: 'main/hosting holds what the hosts share (it may start the sandbox); no host.',
      severity: 'error',
      from: { path: '^main/hosting/' },
      to: {
        path: ['^main/(electron|web|cli|ipc)/', '^renderer/', '(^|/)node_modules/electron/'],
      },
    },
    {
      name: 'sandbox-is-an-independent-peer',
      comment: 'The local AWS peers must not reuse the client side they test.',
      severity: 'error',
      from: { path: '^main/sandbox/' },
      to: {
        path: [
          '^main/(core|ipc|electron|web|cli|hosting)/',
          '^renderer/',
          '(^|/)node_modules/electron/',
        ],
      },
    },
    {
      name: 'no-circular',
      comment:
        'A tree node that renders its own children (recursion, not a cycle) is the exception.',
      severity: 'error',
      from: { pathNot: '^renderer/src/components/collections/CollectionTreeNode\\.svelte$' },
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      comment:
        'Two folders that import each other, through whichever modules: a domain of main/core ' +
        'or an area of renderer/src/{lib,components} depends on another in one direction only ' +
        '(cut a cycle with a type in shared/ or a port). A folder counts every module below it.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^(main/core|renderer/src/lib|renderer/src/components)/[^/]+' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.main.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.svelte', '.json'],
    },
  },
};
