import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    use strict;
    use warnings;

    print "hello\n";
  `,
  sum: code`
    use strict;
    use warnings;

    chomp(my $first = <STDIN>);
    chomp(my $second = <STDIN>);
    print $first + $second, "\n";
  `,
  args: code`
    use strict;
    use warnings;

    print "$_\n" for @ARGV;
  `,
  exit3: code`
    exit 3;
  `,
  runtimeError: {
    code: code`
      use strict;
      use warnings;

      open(my $fh, '<', 'missing.txt') or die "cannot open missing.txt: $!\n";
    `,
    expect: /cannot open missing\.txt: No such file or directory/,
  },
  twoFiles: [
    {
      name: 'main.pl',
      content: code`
        use strict;
        use warnings;
        use FindBin;
        use lib $FindBin::Bin;
        use Greet qw(greeting);

        print greeting('two files'), "\n";
      `,
    },
    {
      name: 'Greet.pm',
      content: code`
        package Greet;

        use strict;
        use warnings;
        use Exporter 'import';

        our @EXPORT_OK = qw(greeting);

        sub greeting {
            my ($name) = @_;
            return "hello from $name";
        }

        1;
      `,
    },
  ],
};
