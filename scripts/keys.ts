/**
 * API key administration (the admin endpoints under /keys do the same over HTTP):
 *   npm run keys -- create --name ci --role user [--rate-limit N] [--max-active-jobs N]
 *                                                     prints a new key (shown once)
 *   npm run keys -- list                              id, name, role, prefix, limits, state
 *   npm run keys -- limits <id> [--rate-limit N|default] [--max-active-jobs N|default]
 *   npm run keys -- revoke <id>
 * Limits: requests per minute and jobs queued or running at once; 0 = unlimited,
 * "default" (or leaving it out at creation) = the server's RUNQ_RATE_LIMIT_PER_MINUTE / RUNQ_MAX_ACTIVE_JOBS.
 *   npm run keys -- ensure --file F --name N --role R prints the key in F if still valid, else mints one into F
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createPrismaClient } from '#db';
import { displayPrefix, generateApiKey, hashApiKey } from '#keys';

type Role = 'user' | 'admin';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      role: { type: 'string', default: 'user' },
      file: { type: 'string' },
      'rate-limit': { type: 'string' },
      'max-active-jobs': { type: 'string' },
    },
  });
  const limits = {
    rateLimitPerMinute: limitFlag('--rate-limit', values['rate-limit']),
    maxActiveJobs: limitFlag('--max-active-jobs', values['max-active-jobs']),
  };
  const [command, id] = positionals;
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const role = values.role as Role;
  if (!['user', 'admin'].includes(role)) throw new Error('--role must be user or admin');
  const prisma = createPrismaClient(url);
  try {
    const mint = async (name: string) => {
      const key = generateApiKey();
      await prisma.apiKey.create({ data: { name, role, prefix: displayPrefix(key), hash: hashApiKey(key), ...limits } });
      return key;
    };
    switch (command) {
      case 'create': {
        if (!values.name) throw new Error('--name is required');
        console.log(await mint(values.name));
        break;
      }
      case 'ensure': {
        if (!values.file || !values.name) throw new Error('--file and --name are required');
        const existing = existsSync(values.file) ? readFileSync(values.file, 'utf8').trim() : '';
        if (existing && (await prisma.apiKey.findFirst({ where: { hash: hashApiKey(existing), revokedAt: null } }))) {
          console.log(existing);
          break;
        }
        const key = await mint(values.name);
        writeFileSync(values.file, `${key}\n`, { mode: 0o600 });
        chmodSync(values.file, 0o600);
        console.log(key);
        break;
      }
      case 'list': {
        for (const k of await prisma.apiKey.findMany({ orderBy: { createdAt: 'asc' } })) {
          const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active';
          console.log([k.id, k.name, k.role, `${k.prefix}…`, showLimits(k), state].join('\t'));
        }
        break;
      }
      case 'limits': {
        if (!id) throw new Error('usage: keys limits <id> [--rate-limit N|default] [--max-active-jobs N|default]');
        const changes = Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined));
        if (!Object.keys(changes).length) throw new Error('give --rate-limit and/or --max-active-jobs');
        const { count } = await prisma.apiKey.updateMany({ where: { id }, data: changes });
        if (!count) throw new Error(`no key with id ${id}`);
        const row = await prisma.apiKey.findUniqueOrThrow({ where: { id } });
        console.log(`${id}\t${showLimits(row)} (API processes apply it within 10 s)`);
        break;
      }
      case 'revoke': {
        if (!id) throw new Error('usage: keys revoke <id>');
        const { count } = await prisma.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
        if (!count) throw new Error(`no active key with id ${id}`);
        console.log(`revoked ${id}`);
        break;
      }
      default:
        throw new Error('usage: keys create|list|limits|revoke|ensure (see scripts/keys.ts)');
    }
  } finally {
    await prisma.$disconnect();
  }
}

/** A limit flag: a non-negative integer, "default" (null: the server default), or absent (undefined: unchanged). */
function limitFlag(flag: string, text: string | undefined): number | null | undefined {
  if (text === undefined) return undefined;
  if (text === 'default') return null;
  if (!/^\d{1,7}$/.test(text)) throw new Error(`${flag} must be a whole number (0 = unlimited) or "default"`);
  return Number(text);
}

function showLimits(k: { rateLimitPerMinute: number | null; maxActiveJobs: number | null }): string {
  const show = (v: number | null) => (v === null ? 'default' : v === 0 ? 'unlimited' : String(v));
  return `rate=${show(k.rateLimitPerMinute)}/min active=${show(k.maxActiveJobs)}`;
}

main().catch((error: Error) => {
  console.error(`keys: ${error.message}`);
  process.exit(1);
});
