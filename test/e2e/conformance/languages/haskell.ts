import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    main :: IO ()
    main = putStrLn "hello"
  `,
  sum: code`
    main :: IO ()
    main = do
      a <- readLn :: IO Integer
      b <- readLn
      print (a + b)
  `,
  args: code`
    import System.Environment (getArgs)

    main :: IO ()
    main = getArgs >>= mapM_ putStrLn
  `,
  exit3: code`
    import System.Exit (ExitCode (ExitFailure), exitWith)

    main :: IO ()
    main = exitWith (ExitFailure 3)
  `,
  runtimeError: {
    code: code`
      main :: IO ()
      main = print (head ([] :: [Int]))
    `,
    expect: /Prelude\.head: empty list/,
  },
  compileError: {
    code: code`
      main :: IO ()
      main = putStrLn (length "forty-two")
    `,
    expect: /Couldn't match/,
  },
  twoFiles: [
    {
      name: 'Main.hs',
      content: code`
        module Main (main) where

        import Greet (greeting)

        main :: IO ()
        main = putStrLn (greeting "two files")
      `,
    },
    {
      name: 'Greet.hs',
      content: code`
        module Greet (greeting) where

        greeting :: String -> String
        greeting name = "hello from " ++ name
      `,
    },
  ],
};
