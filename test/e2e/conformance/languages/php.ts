import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    <?php
    echo "hello\n";
  `,
  sum: code`
    <?php
    $a = (int) trim(fgets(STDIN));
    $b = (int) trim(fgets(STDIN));
    echo $a + $b, "\n";
  `,
  args: code`
    <?php
    foreach (array_slice($argv, 1) as $arg) {
        echo $arg, "\n";
    }
  `,
  exit3: code`
    <?php
    exit(3);
  `,
  runtimeError: {
    code: code`
      <?php
      $items = [];
      echo intdiv(10, count($items)), "\n";
    `,
    expect: /Uncaught DivisionByZeroError/,
  },
  twoFiles: [
    {
      name: 'main.php',
      content: code`
        <?php
        require_once __DIR__ . '/greet.php';

        echo greeting('two files'), "\n";
      `,
    },
    {
      name: 'greet.php',
      content: code`
        <?php
        function greeting(string $name): string
        {
            return "hello from $name";
        }
      `,
    },
  ],
};
