import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    echo hello
  `,
  sum: code`
    read -r a
    read -r b
    echo $((a + b))
  `,
  args: code`
    for arg in "$@"; do
      printf '%s\n' "$arg"
    done
  `,
  exit3: code`
    exit 3
  `,
  runtimeError: {
    code: code`
      set -euo pipefail
      echo "config: $missing_setting"
    `,
    expect: /missing_setting: unbound variable/,
  },
  twoFiles: [
    {
      name: 'main.sh',
      content: code`
        source "$(dirname "\${BASH_SOURCE[0]}")/greet.sh"

        greeting "two files"
      `,
    },
    {
      name: 'greet.sh',
      content: code`
        greeting() {
          echo "hello from $1"
        }
      `,
    },
  ],
};
