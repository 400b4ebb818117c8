import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    program Hello;
    begin
      WriteLn('hello');
    end.
  `,
  sum: code`
    program Sum;
    var
      A, B: LongInt;
    begin
      ReadLn(A);
      ReadLn(B);
      WriteLn(A + B);
    end.
  `,
  args: code`
    program Args;
    var
      I: Integer;
    begin
      for I := 1 to ParamCount do
        WriteLn(ParamStr(I));
    end.
  `,
  exit3: code`
    program ExitThree;
    begin
      Halt(3);
    end.
  `,
  runtimeError: {
    code: code`
      program RuntimeError;

      uses SysUtils;

      var
        Answer: Integer;
      begin
        Answer := StrToInt('forty-two');
        WriteLn(Answer);
      end.
    `,
    expect: /EConvertError/,
  },
  compileError: {
    code: code`
      program Broken;
      var
        Answer: Integer;
      begin
        Answer := 'forty-two';
        WriteLn(Answer);
      end.
    `,
    expect: /Incompatible types/,
  },
  twoFiles: [
    {
      name: 'main.pas',
      content: code`
        program Main;

        uses Greet;

        begin
          WriteLn(Greeting('two files'));
        end.
      `,
    },
    {
      name: 'greet.pas',
      content: code`
        unit Greet;

        interface

        function Greeting(const Name: string): string;

        implementation

        function Greeting(const Name: string): string;
        begin
          Greeting := 'hello from ' + Name;
        end;

        end.
      `,
    },
  ],
};
