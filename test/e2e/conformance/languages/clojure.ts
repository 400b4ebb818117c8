import { code, JVM_RUN_LIMITS, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    (println "hello")
  `,
  sum: code`
    (let [a (parse-long (read-line))
          b (parse-long (read-line))]
      (println (+ a b)))
  `,
  args: code`
    (doseq [arg *command-line-args*]
      (println arg))
  `,
  exit3: code`
    (System/exit 3)
  `,
  runtimeError: {
    code: code`
      (let [answer (Long/parseLong "forty-two")]
        (println answer))
    `,
    expect: /NumberFormatException/,
  },
  twoFiles: [
    {
      name: 'main.clj',
      content: code`
        (load-file "greet.clj")

        (println (greet/greeting "two files"))
      `,
    },
    {
      name: 'greet.clj',
      content: code`
        (ns greet)

        (defn greeting [name]
          (str "hello from " name))
      `,
    },
  ],
  limits: JVM_RUN_LIMITS,
};
