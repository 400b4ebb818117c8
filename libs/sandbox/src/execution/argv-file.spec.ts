import { execFileSync } from 'node:child_process';
import { quoteArgv } from './argv-file';

describe('quoteArgv', () => {
  it('quotes every word so a POSIX shell gives back exactly the same argv', () => {
    const argv = ['python3', 'main.py', "it's", '$(id)', '`x`', 'a b', '', '"q"', '\\n', '*', '-e', 'line\nbreak', "'"];
    // The same evaluation the runner does, with dash (as in the images) printing one word per NUL.
    const out = execFileSync('sh', ['-c', `eval "set -- $1"; printf '%s\\0' "$@"`, 'sh', quoteArgv(argv)]);
    expect(out.toString().split('\0').slice(0, -1)).toEqual(argv);
  });

  it('gives an empty argv for no words', () => {
    expect(quoteArgv([])).toBe('');
  });
});
