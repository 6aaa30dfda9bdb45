/** Layer rules of docs/ARCHITECTURE.md, enforced: shared is pure and runs anywhere. */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment: 'shared may not import Node built-ins',
      severity: 'error',
      from: { path: '^shared/src' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-is-pure-of-io-and-ui',
      comment: 'shared may not import socket.io, SQLite or React',
      severity: 'error',
      from: { path: '^shared/src' },
      to: { path: 'node_modules/(socket\\.io|socket\\.io-client|better-sqlite3|react|react-dom)/' },
    },
    {
      name: 'electron-only-in-shell-entries',
      comment: "import 'electron' only in the desktop shell's entry files, so the rest runs in plain Node",
      severity: 'error',
      from: { path: '^(?!apps/desktop/src/(main|preload)\\.ts$)' },
      to: { path: 'node_modules/electron/' },
    },
    {
      name: 'apps-do-not-import-server',
      comment: 'web apps talk to the server over the protocol, never by importing it',
      severity: 'error',
      from: { path: '^apps/(kiosk|counter|display|manager)/' },
      to: { path: '^(apps/server|hardware)/' },
    },
    {
      name: 'no-cycles',
      comment: 'no import cycles anywhere: a module and what it imports can be read (and loaded) in one order',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'server-store-not-up-to-realtime',
      comment: 'the store persists and rebuilds state; who hears of a change (realtime) is decided above it',
      severity: 'error',
      from: { path: '^apps/server/src/store/' },
      to: { path: '^apps/server/src/realtime/' },
    },
    {
      name: 'server-auth-not-up-to-realtime',
      comment: 'auth says who is on the other end; it does not reach up into sockets and rooms',
      severity: 'error',
      from: { path: '^apps/server/src/auth/' },
      to: { path: '^apps/server/src/realtime/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.json'] },
  },
};
