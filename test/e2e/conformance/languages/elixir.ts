import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    IO.puts("hello")
  `,
  sum: code`
    read_integer = fn -> IO.gets("") |> String.trim() |> String.to_integer() end
    a = read_integer.()
    b = read_integer.()
    IO.puts(a + b)
  `,
  args: code`
    Enum.each(System.argv(), &IO.puts/1)
  `,
  exit3: code`
    System.halt(3)
  `,
  runtimeError: {
    code: code`
      value = String.to_integer("forty-two")
      IO.puts(value)
    `,
    expect: /\(ArgumentError\)/,
  },
  twoFiles: [
    {
      name: 'main.exs',
      content: code`
        Code.require_file("greet.exs", __DIR__)

        IO.puts(Greet.greeting("two files"))
      `,
    },
    {
      name: 'greet.exs',
      content: code`
        defmodule Greet do
          def greeting(name), do: "hello from #{name}"
        end
      `,
    },
  ],
};
