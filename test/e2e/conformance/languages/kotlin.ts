import { code, JVM_RUN_LIMITS, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    fun main() {
        println("hello")
    }
  `,
  sum: code`
    fun main() {
        val a = readLine()!!.trim().toInt()
        val b = readLine()!!.trim().toInt()
        println(a + b)
    }
  `,
  args: code`
    fun main(args: Array<String>) {
        args.forEach { println(it) }
    }
  `,
  exit3: code`
    import kotlin.system.exitProcess

    fun main() {
        exitProcess(3)
    }
  `,
  runtimeError: {
    code: code`
      fun main() {
          val answer = "forty-two".toInt()
          println(answer)
      }
    `,
    expect: /java\.lang\.NumberFormatException/,
  },
  compileError: {
    code: code`
      fun main() {
          val answer: Int = "forty-two"
          println(answer)
      }
    `,
    expect: /type mismatch/i,
  },
  twoFiles: [
    {
      name: 'main.kt',
      content: code`
        fun main() {
            println(Greeter("two files").greet())
        }
      `,
    },
    {
      name: 'Greeter.kt',
      content: code`
        class Greeter(private val name: String) {
            fun greet() = "hello from $name"
        }
      `,
    },
  ],
  limits: JVM_RUN_LIMITS,
};
