import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    package main

    import "fmt"

    func main() {
    	fmt.Println("hello")
    }
  `,
  sum: code`
    package main

    import "fmt"

    func main() {
    	var a, b int
    	if _, err := fmt.Scan(&a, &b); err != nil {
    		panic(err)
    	}
    	fmt.Println(a + b)
    }
  `,
  args: code`
    package main

    import (
    	"fmt"
    	"os"
    )

    func main() {
    	for _, arg := range os.Args[1:] {
    		fmt.Println(arg)
    	}
    }
  `,
  exit3: code`
    package main

    import "os"

    func main() {
    	os.Exit(3)
    }
  `,
  runtimeError: {
    code: code`
      package main

      import (
      	"fmt"
      	"os"
      )

      func main() {
      	numbers := []int{1, 2, 3}
      	fmt.Println(numbers[len(os.Args)+2])
      }
    `,
    expect: /panic: runtime error: index out of range/,
  },
  compileError: {
    code: code`
      package main

      import "fmt"

      func main() {
      	var answer int = "forty-two"
      	fmt.Println(answer)
      }
    `,
    expect: /cannot use "forty-two"/,
  },
  twoFiles: [
    {
      name: 'main.go',
      content: code`
        package main

        import "fmt"

        func main() {
        	fmt.Println(greeting("two files"))
        }
      `,
    },
    {
      name: 'greet.go',
      content: code`
        package main

        func greeting(name string) string {
        	return "hello from " + name
        }
      `,
    },
  ],
};
