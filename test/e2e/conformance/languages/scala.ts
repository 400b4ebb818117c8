import { code, JVM_RUN_LIMITS, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    object Main {
      def main(args: Array[String]): Unit = println("hello")
    }
  `,
  sum: code`
    import scala.io.StdIn

    object Main {
      def main(args: Array[String]): Unit = {
        val a = StdIn.readLine().trim.toInt
        val b = StdIn.readLine().trim.toInt
        println(a + b)
      }
    }
  `,
  args: code`
    object Main {
      def main(args: Array[String]): Unit = args.foreach(println)
    }
  `,
  exit3: code`
    object Main {
      def main(args: Array[String]): Unit = sys.exit(3)
    }
  `,
  runtimeError: {
    code: code`
      object Main {
        def main(args: Array[String]): Unit = {
          val answer = "forty-two".toInt
          println(answer)
        }
      }
    `,
    expect: /java\.lang\.NumberFormatException/,
  },
  compileError: {
    code: code`
      object Main {
        def main(args: Array[String]): Unit = {
          val answer: Int = "forty-two"
          println(answer)
        }
      }
    `,
    expect: /type mismatch/,
  },
  twoFiles: [
    {
      name: 'Main.scala',
      content: code`
        object Main {
          def main(args: Array[String]): Unit = println(Greeter.greet("two files"))
        }
      `,
    },
    {
      name: 'Greeter.scala',
      content: code`
        object Greeter {
          def greet(name: String): String = s"hello from $name"
        }
      `,
    },
  ],
  limits: JVM_RUN_LIMITS,
};
