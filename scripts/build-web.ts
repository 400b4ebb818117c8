import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Bundles the dashboard and playground (apps/dashboard) into dist/apps/api/public, which the API
 * serves under /ui (apps/api/src/pages). Everything comes from npm packages at build time: the
 * pages load nothing from other hosts. Language modes of the editor are split into chunks loaded
 * on demand.
 */
const root = join(__dirname, '..', '..');
const source = join(root, 'apps', 'dashboard');
const out = join(root, 'dist', 'apps', 'api', 'public');

async function main(): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const result = await build({
    entryPoints: { admin: join(source, 'admin', 'main.ts'), playground: join(source, 'playground', 'main.ts') },
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    chunkNames: 'chunks/[name]-[hash]',
    legalComments: 'linked',
    logLevel: 'warning',
    metafile: true,
  });
  for (const file of ['admin.html', 'playground.html', 'styles.css', 'favicon.svg', 'favicon.ico'])
    copyFileSync(join(source, file), join(out, file));
  const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
  console.log(`    web UI built into dist/apps/api/public (${Math.round(bytes / 1024)} KiB with source maps)`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
