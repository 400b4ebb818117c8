import { code, JVM_RUN_LIMITS, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    println "hello"
  `,
  sum: code`
    def reader = System.in.newReader()
    def a = reader.readLine() as int
    def b = reader.readLine() as int
    println a + b
  `,
  args: code`
    args.each { println it }
  `,
  exit3: code`
    System.exit(3)
  `,
  runtimeError: {
    code: code`
      def answer = Integer.parseInt("forty-two")
      println answer
    `,
    expect: /NumberFormatException/,
  },
  twoFiles: [
    {
      name: 'main.groovy',
      content: code`
        println Greet.greeting("two files")
      `,
    },
    {
      name: 'Greet.groovy',
      content: code`
        class Greet {
            static String greeting(String name) {
                "hello from $name"
            }
        }
      `,
    },
  ],
  limits: JVM_RUN_LIMITS,
};
