import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    SELECT 'hello';
  `,
  // The sqlite3 shell reads the script with `.read main.sql`; the job's stdin is still
  // the process's stdin, which `.import` can read as a (one-column) table.
  sum: code`
    CREATE TABLE input (n INTEGER);
    .import /dev/stdin input
    SELECT sum(n) FROM input;
  `,
  args: {
    notApplicable:
      'sqlite3 runs the script with ".read main.sql"; extra argv words are executed by sqlite3 as further SQL commands, a script cannot see them',
  },
  exit3: code`
    .exit 3
  `,
  runtimeError: {
    code: code`
      CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
      INSERT INTO users VALUES (1, 'ada');
      INSERT INTO users VALUES (1, 'grace');
    `,
    expect: /UNIQUE constraint failed: users\.id/,
  },
  twoFiles: [
    {
      name: 'main.sql',
      content: code`
        .read greet.sql
        SELECT message FROM greetings WHERE name = 'two files';
      `,
    },
    {
      name: 'greet.sql',
      content: code`
        CREATE TABLE names (name TEXT NOT NULL);
        INSERT INTO names VALUES ('one file'), ('two files');

        CREATE VIEW greetings AS
          SELECT name, 'hello from ' || name AS message FROM names;
      `,
    },
  ],
};
