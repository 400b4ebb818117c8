import type { LanguageDefinition } from '../language.types';

const JVM_RUN = ['java', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xshare:auto'];
const JVM_LIMITS = { memoryMb: 256, processes: 128, timeoutMs: 10_000 };
const CLOJURE_JAR = '/usr/share/java/clojure.jar';
/** For compilers (kotlinc, scalac), which run long enough to profit from the optimising JIT. */
const JVM_COMPILER_OPTS = 'JAVA_OPTS=-XX:+UseSerialGC -Xss4m -Xshare:auto';
/** For script runners (groovy, clojure): start-up matters most. */
const JVM_OPTS = 'JAVA_OPTS=-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss4m -Xshare:auto';
/** The JDK a Java entry runs: `java` and `javac` first on PATH (images/jvm). */
const jdkPath = (major: number) => `PATH=/usr/lib/jvm/java-${major}-openjdk-amd64/bin:/usr/local/bin:/usr/bin:/bin`;

/** Languages compiled to bytecode (JVM, CLR) or to JavaScript, then run on their runtime. */
export const MANAGED_LANGUAGES: LanguageDefinition[] = [
  {
    id: 'typescript',
    name: 'TypeScript',
    aliases: ['ts', 'tsc'],
    image: 'node',
    fileName: 'main.ts',
    sourceExtensions: ['.ts', '.mts', '.cts'],
    // images/node/runq-tsc: esbuild transpiles (no type check); any of the options type-checks with tsc first.
    compile: ['runq-tsc', '{options}', '--', '{sources}'],
    // Function mode adds source maps ({source}.js.map) and the harness's declarations (see FUNCTION_TYPESCRIPT_GLOBALS_FILE).
    compileOutputs: ['{source}.js'],
    compileOptions: ['--typecheck', '--strict', '--noImplicitAny', '--strictNullChecks', '--noUnusedLocals'],
    run: ['node', '{stem}.js'],
    version: ['tsc', '--version'],
    compileLimits: { timeoutMs: 30_000 },
    hello: 'const greeting: string = "hello";\nconsole.log(greeting);\n',
  },
  {
    id: 'java',
    name: 'Java (OpenJDK)',
    aliases: ['jdk', 'openjdk'],
    image: 'jvm',
    fileName: 'Main.java',
    sourceExtensions: ['.java'],
    compile: ['javac', '-J-XX:+UseSerialGC', '-J-Xshare:auto', '-encoding', 'UTF-8', '-d', '.', '{options}', '{sources}'],
    // Classes are named by the code, not the file; a public class is named after its file.
    compileOutputs: ['{source}.class'],
    compileOptions: ['-Xlint:all', '-g', '-Werror'],
    run: [...JVM_RUN, '-cp', '.', '{stem}'],
    version: ['java', '-version'],
    versionPattern: 'version "(\\d+(?:\\.\\d+)*)"',
    env: ['HOME=/tmp', jdkPath(25)],
    limits: JVM_LIMITS,
    compileLimits: { timeoutMs: 30_000, processes: 256 },
    hello: 'public class Main {\n    public static void main(String[] args) {\n        System.out.println("hello");\n    }\n}\n',
    variants: [{ major: '21', env: ['HOME=/tmp', jdkPath(21)] }],
  },
  {
    id: 'kotlin',
    name: 'Kotlin',
    aliases: ['kt', 'kotlinc'],
    image: 'jvm',
    fileName: 'main.kt',
    sourceExtensions: ['.kt'],
    compile: ['kotlinc', '-nowarn', '-include-runtime', '-d', 'main.jar', '{sources}'],
    compileOutputs: ['main.jar'],
    run: [...JVM_RUN, '-jar', 'main.jar'],
    // kotlinc calls itself 1.3-SNAPSHOT; the Debian package knows the release.
    version: ['dpkg-query', '-W', '-f=${Version}', 'kotlin'],
    env: ['HOME=/tmp', JVM_COMPILER_OPTS],
    limits: JVM_LIMITS,
    compileLimits: { timeoutMs: 120_000, memoryMb: 1024, processes: 256 },
    hello: 'fun main() {\n    println("hello")\n}\n',
  },
  {
    id: 'scala',
    name: 'Scala',
    aliases: ['sc', 'scalac'],
    image: 'jvm',
    fileName: 'Main.scala',
    sourceExtensions: ['.scala'],
    compile: ['scalac', '-nowarn', '-d', '.', '{sources}'],
    compileOutputs: ['{source}.class'],
    run: [...JVM_RUN, '-cp', '/opt/runq/scala-library.jar:.', '{stem}'],
    version: ['scala', '-version'],
    env: ['HOME=/tmp', JVM_COMPILER_OPTS],
    limits: JVM_LIMITS,
    compileLimits: { timeoutMs: 120_000, memoryMb: 1024, processes: 256 },
    hello: 'object Main {\n  def main(args: Array[String]): Unit = println("hello")\n}\n',
  },
  {
    id: 'groovy',
    name: 'Groovy',
    aliases: ['gvy'],
    image: 'jvm',
    fileName: 'main.groovy',
    sourceExtensions: ['.groovy'],
    // Classes of the other files are found on the class path (the working directory).
    run: ['groovy', '-cp', '.', '{entry}'],
    version: ['groovy', '--version'],
    env: ['HOME=/tmp', JVM_OPTS],
    limits: JVM_LIMITS,
    hello: 'println "hello"\n',
  },
  {
    id: 'clojure',
    name: 'Clojure',
    aliases: ['clj'],
    image: 'jvm',
    fileName: 'main.clj',
    sourceExtensions: ['.clj'],
    run: [...JVM_RUN, '-cp', CLOJURE_JAR, 'clojure.main', '{entry}'],
    version: ['java', '-cp', CLOJURE_JAR, 'clojure.main', '-e', '(print (clojure-version))'],
    env: ['HOME=/tmp'],
    limits: JVM_LIMITS,
    hello: '(println "hello")\n',
  },
  {
    id: 'csharp',
    name: 'C# (Mono)',
    aliases: ['cs', 'c#', 'mono', 'mcs'],
    image: 'mono',
    fileName: 'Main.cs',
    sourceExtensions: ['.cs'],
    compile: ['mcs', '-nologo', '-optimize+', '-out:main.exe', '{options}', '{sources}'],
    compileOutputs: ['main.exe'],
    compileOptions: ['-optimize-', '-checked+', '-unsafe', '-debug'],
    run: ['mono', 'main.exe'],
    version: ['mcs', '--version'],
    env: ['HOME=/tmp', 'MONO_GC_PARAMS=nursery-size=8m'],
    limits: { memoryMb: 192, processes: 96 },
    hello: 'using System;\nclass Program {\n    static void Main() {\n        Console.WriteLine("hello");\n    }\n}\n',
  },
  {
    id: 'haxe',
    name: 'Haxe (Neko)',
    aliases: ['hx'],
    image: 'haxe',
    fileName: 'Main.hx',
    sourceExtensions: ['.hx'],
    // The entry's class has the file's name and a static main(); other classes come from the class path.
    compile: ['haxe', '-cp', '.', '-main', '{stem}', '-neko', 'main.n'],
    compileOutputs: ['main.n'],
    run: ['neko', 'main.n'],
    version: ['haxe', '--version'],
    env: ['HOME=/tmp'],
    hello: 'class Main {\n    static function main() {\n        Sys.println("hello");\n    }\n}\n',
  },
];
