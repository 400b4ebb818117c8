import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    print("hello")
  `,
  sum: code`
    local a = tonumber(io.read("l"))
    local b = tonumber(io.read("l"))
    print(a + b)
  `,
  args: code`
    for _, value in ipairs(arg) do
      print(value)
    end
  `,
  exit3: code`
    os.exit(3)
  `,
  runtimeError: {
    code: code`
      local config = nil
      print(config.name)
    `,
    expect: /attempt to index a nil value/,
  },
  twoFiles: [
    {
      name: 'main.lua',
      content: code`
        local greet = require("greet")

        print(greet.greeting("two files"))
      `,
    },
    {
      name: 'greet.lua',
      content: code`
        local M = {}

        function M.greeting(name)
          return "hello from " .. name
        end

        return M
      `,
    },
  ],
};
