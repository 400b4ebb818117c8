import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    puts "hello"
  `,
  sum: code`
    set a [gets stdin]
    set b [gets stdin]
    puts [expr {$a + $b}]
  `,
  args: code`
    foreach arg $argv {
        puts $arg
    }
  `,
  exit3: code`
    exit 3
  `,
  runtimeError: {
    code: code`
      set answer [expr {42 / 0}]
      puts $answer
    `,
    expect: /divide by zero/,
  },
  twoFiles: [
    {
      name: 'main.tcl',
      content: code`
        source [file join [file dirname [info script]] greet.tcl]

        puts [greeting "two files"]
      `,
    },
    {
      name: 'greet.tcl',
      content: code`
        proc greeting {name} {
            return "hello from $name"
        }
      `,
    },
  ],
};
