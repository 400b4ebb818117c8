/**
 * API key administration:
 *   npm run keys -- create --name ci --role user     prints a new key (shown once)
 *   npm run keys -- list                              id, name, role, prefix, state
 *   npm run keys -- revoke <id>
 *   npm run keys -- ensure --file F --name N --role R prints the key in F if still valid, else mints one into F
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createPrismaClient, displayPrefix, generateApiKey, hashApiKey } from '#db';

type Role = 'user' | 'admin';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: 'string' }, role: { type: 'string', default: 'user' }, file: { type: 'string' } },
  });
  const [command, id] = positionals;
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const role = values.role as Role;
  if (!['user', 'admin'].includes(role)) throw new Error('--role must be user or admin');
  const prisma = createPrismaClient(url);
  try {
    const mint = async (name: string) => {
      const key = generateApiKey();
      await prisma.apiKey.create({ data: { name, role, prefix: displayPrefix(key), hash: hashApiKey(key) } });
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
          console.log([k.id, k.name, k.role, `${k.prefix}…`, k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active'].join('\t'));
        }
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
        throw new Error('usage: keys create|list|revoke|ensure (see scripts/keys.ts)');
    }
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((error: Error) => {
  console.error(`keys: ${error.message}`);
  process.exit(1);
});
