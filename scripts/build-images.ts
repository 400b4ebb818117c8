/**
 * Builds the sandbox images that the requested languages need (RUNQ_LANGUAGES: ids or
 * aliases separated by spaces/commas, or "all"), reusing Docker's layer cache. Each
 * image is labelled with the real version of each toolchain it holds, read by running it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { VERSION_LABEL_PREFIX } from '#sandbox';
import { LANGUAGES, LanguageRegistry, languageVariants, parseVersion, versionKey, type LanguageDefinition } from '#languages';

const root = join(__dirname, '..', '..');
const prefix = process.env.RUNQ_IMAGE_PREFIX ?? 'runq/';
const logDir = join(root, '.runq', 'logs');

function docker(args: string[], options: { log?: string; input?: string } = {}): string {
  const log = options.log ? openSync(join(logDir, options.log), 'a') : 'pipe';
  const res = spawnSync('docker', args, {
    cwd: root,
    input: options.input,
    encoding: 'utf8',
    stdio: ['pipe', log === 'pipe' ? 'pipe' : log, log === 'pipe' ? 'pipe' : log],
  });
  if (res.status !== 0) {
    throw new Error(`docker ${args.slice(0, 2).join(' ')} failed${options.log ? `; see .runq/logs/${options.log}` : `: ${res.stderr}`}`);
  }
  return res.stdout ?? '';
}

function imageId(name: string): string | null {
  const res = spawnSync('docker', ['image', 'inspect', '-f', '{{.Id}}', name], { encoding: 'utf8' });
  return res.status === 0 ? res.stdout.trim() : null;
}

function label(name: string, key: string): string | null {
  const res = spawnSync('docker', ['image', 'inspect', '-f', `{{index .Config.Labels "${key}"}}`, name], { encoding: 'utf8' });
  const value = res.status === 0 ? res.stdout.trim() : '';
  return value && value !== '<no value>' ? value : null;
}

/**
 * The build context of an image: its folder, or, when it lists npm packages (npm-packages,
 * one spec a line), a copy of it with those installed by the host's npm into node_modules,
 * so that the image build itself needs no registry access (nor the host's TLS set-up).
 */
function buildContext(image: string): string {
  const dir = join(root, 'images', image);
  const list = join(dir, 'npm-packages');
  if (!existsSync(list)) return dir;
  const specs = readFileSync(list, 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);
  const context = join(root, '.runq', 'images', image);
  rmSync(context, { recursive: true, force: true });
  cpSync(dir, context, { recursive: true });
  const npm = [
    'install',
    '--prefix',
    context,
    '--no-save',
    '--no-package-lock',
    '--ignore-scripts',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
  ];
  execFileSync('npm', [...npm, ...specs], { cwd: context, stdio: ['ignore', 'ignore', 'inherit'] });
  return context;
}

function select(): LanguageDefinition[] {
  const wanted = (process.env.RUNQ_LANGUAGES ?? 'all').split(/[\s,]+/).filter(Boolean);
  if (wanted.includes('all')) return [...LANGUAGES];
  const registry = new LanguageRegistry();
  return wanted.map((name) => {
    const language = registry.resolve(name);
    if (!language) throw new Error(`unknown language "${name}"; known: ${registry.ids().join(', ')}`);
    return language;
  });
}

function readVersion(image: string, language: LanguageDefinition): string {
  const env = (language.env ?? []).flatMap((e) => ['-e', e]);
  const sandbox = ['--network', 'none', '--user', '65534:65534', '--read-only', '--tmpfs', '/tmp:exec', ...env];
  const [command, ...args] = language.version;
  const res = spawnSync('docker', ['run', '--rm', ...sandbox, '--entrypoint', command, image, ...args], { encoding: 'utf8' });
  const out = `${res.stdout}\n${res.stderr}`; // some toolchains (java) print their version on stderr
  const version = parseVersion(out, language.versionPattern);
  if (!version) throw new Error(`could not read the ${language.id} version from: ${out.slice(0, 200)}`);
  return version;
}

function main(): void {
  mkdirSync(logDir, { recursive: true });
  const languages = select();
  const base = execFileSync('bash', [join(root, 'scripts', 'build-base-image.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  docker(['build', '-q', '-t', `${prefix}sandbox-base:latest`, '--build-arg', `BASE_IMAGE=${base}`, 'images/base'], {
    log: 'images-base.log',
  });

  const images = [...new Set(languages.flatMap(languageVariants).map((l) => l.image))];
  const runnerHash = createHash('sha256')
    .update(
      ['Dockerfile', 'run', 'compile', 'usage', 'supervise', 'collect']
        .map((f) => readFileSync(join(root, 'images', 'runner', f), 'utf8'))
        .join('\0'),
    )
    .digest('hex');
  for (const image of images) {
    const name = `${prefix}${image}`;
    const fresh = imageId(`${name}:latest`) === null;
    console.log(`    ${fresh ? 'building' : 'checking'} ${name} ${fresh ? '(first build takes a minute or two)' : ''}`);
    docker(['build', '-q', '-t', `${name}:build`, '--build-arg', `PREFIX=${prefix}`, buildContext(image)], {
      log: `images-${image}.log`,
    });
    const buildId = imageId(`${name}:build`)!;
    const members = LANGUAGES.flatMap(languageVariants).filter((l) => l.image === image);
    // Redo the last layer when the toolchain image, the way versions are read, or the runners changed.
    const recipe = createHash('sha256')
      .update(JSON.stringify(members.map((l) => [versionKey(l), l.version, l.versionPattern, l.env])))
      .update(runnerHash)
      .digest('hex')
      .slice(0, 16);
    if (label(`${name}:latest`, 'runq.build') === buildId && label(`${name}:latest`, 'runq.recipe') === recipe) continue;
    const labels = members.flatMap((l) => ['--label', `${VERSION_LABEL_PREFIX}${versionKey(l)}=${readVersion(`${name}:build`, l)}`]);
    const tags = ['-t', `${name}:latest`, '--label', `runq.build=${buildId}`, '--label', `runq.recipe=${recipe}`, ...labels];
    docker(['build', '-q', ...tags, '--build-arg', `FROM_IMAGE=${name}:build`, 'images/runner'], { log: `images-${image}.log` });
  }
  for (const language of languages.flatMap(languageVariants)) {
    const version = label(`${prefix}${language.image}:latest`, VERSION_LABEL_PREFIX + versionKey(language));
    console.log(`    ${versionKey(language).padEnd(14)} ${version}  (${prefix}${language.image})`);
  }
}

try {
  main();
} catch (error) {
  console.error(`xx ${(error as Error).message}`);
  process.exit(1);
}
