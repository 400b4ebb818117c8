import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    #include <iostream>

    int main() {
        std::cout << "hello" << std::endl;
    }
  `,
  sum: code`
    #include <iostream>

    int main() {
        long a = 0, b = 0;
        std::cin >> a >> b;
        std::cout << a + b << '\n';
    }
  `,
  args: code`
    #include <iostream>

    int main(int argc, char* argv[]) {
        for (int i = 1; i < argc; ++i) {
            std::cout << argv[i] << '\n';
        }
    }
  `,
  exit3: code`
    int main() {
        return 3;
    }
  `,
  runtimeError: {
    code: code`
      #include <iostream>
      #include <vector>

      int main() {
          std::vector<int> numbers{1, 2, 3};
          std::cout << numbers.at(3) << '\n';
      }
    `,
    expect: /std::out_of_range/,
  },
  compileError: {
    code: code`
      #include <string>

      int main() {
          std::string name = "runq";
          int length = name;
          return length;
      }
    `,
    expect: /cannot convert/,
  },
  twoFiles: [
    {
      name: 'main.cpp',
      content: code`
        #include <iostream>

        #include "greeter.hpp"

        int main() {
            Greeter greeter{"two files"};
            std::cout << greeter.greet() << '\n';
        }
      `,
    },
    {
      name: 'greeter.hpp',
      content: code`
        #pragma once

        #include <string>

        class Greeter {
        public:
            explicit Greeter(std::string name);
            std::string greet() const;

        private:
            std::string name_;
        };
      `,
    },
    {
      name: 'greeter.cpp',
      content: code`
        #include "greeter.hpp"

        #include <utility>

        Greeter::Greeter(std::string name) : name_(std::move(name)) {}

        std::string Greeter::greet() const { return "hello from " + name_; }
      `,
    },
  ],
};
