/**
 * The dependency rule: each library and app may import only the libraries listed for it,
 * so dependencies run one way (pure contracts at the bottom, I/O adapters above, apps on
 * top). docs/ARCHITECTURE.md draws the same table; `npm run lint` enforces it.
 */
export const ALLOWED_IMPORTS = {
  'libs/contracts': [],
  'libs/netpolicy': [],
  'libs/languages': ['contracts'],
  'libs/config': ['contracts', 'netpolicy'],
  'libs/process': ['contracts', 'config'],
  'libs/db': ['contracts', 'config'],
  'libs/messaging': ['contracts', 'config'],
  'libs/jobs': ['contracts', 'config', 'db', 'messaging'],
  'libs/keys': ['contracts', 'config', 'db'],
  'libs/webhooks': ['contracts', 'config', 'netpolicy'],
  'libs/sandbox': ['contracts', 'netpolicy', 'languages'],
  // The API accepts and reads jobs; it never runs code, so it never sees the sandbox.
  'apps/api': ['contracts', 'netpolicy', 'languages', 'config', 'process', 'db', 'messaging', 'jobs', 'keys', 'webhooks'],
  'apps/worker': ['contracts', 'netpolicy', 'languages', 'config', 'process', 'db', 'messaging', 'jobs', 'keys', 'webhooks', 'sandbox'],
  'apps/autoscaler': ['contracts', 'config', 'process', 'messaging'],
  // The browser bundle: types only.
  'apps/dashboard': ['contracts'],
};

const LIBRARIES = Object.keys(ALLOWED_IMPORTS)
  .filter((folder) => folder.startsWith('libs/'))
  .map((folder) => folder.slice('libs/'.length));

/** Another library or app reached by a relative path (`../../db/src/x`, `../../../worker/src/y`) instead of its #alias. */
const CROSSING_RELATIVE_IMPORT = {
  regex: '^(\\.\\./)+(libs/|apps/)?[\\w-]+/src(/|$)',
  message: 'import another library through its #alias, never by a relative path into it',
};

export function boundaryRules() {
  return Object.entries(ALLOWED_IMPORTS).map(([folder, allowed]) => {
    const forbidden = LIBRARIES.filter((lib) => !allowed.includes(lib));
    const patterns = [CROSSING_RELATIVE_IMPORT];
    if (forbidden.length) {
      patterns.push({
        // A regex: in gitignore-style groups a leading # would start a comment.
        regex: `^#(${forbidden.join('|')})$`,
        message: `${folder} may import only ${allowed.length ? allowed.map((lib) => `#${lib}`).join(', ') : 'no other library'} (see docs/ARCHITECTURE.md, "Dependency rule")`,
      });
    }
    return {
      files: [`${folder}/**/*.ts`],
      rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
    };
  });
}
