import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    with Ada.Text_IO;

    procedure Main is
    begin
       Ada.Text_IO.Put_Line ("hello");
    end Main;
  `,
  sum: code`
    with Ada.Integer_Text_IO;
    with Ada.Text_IO;

    procedure Main is
       A, B : Integer;
    begin
       Ada.Integer_Text_IO.Get (A);
       Ada.Integer_Text_IO.Get (B);
       Ada.Integer_Text_IO.Put (A + B, Width => 0);
       Ada.Text_IO.New_Line;
    end Main;
  `,
  args: code`
    with Ada.Command_Line; use Ada.Command_Line;
    with Ada.Text_IO;

    procedure Main is
    begin
       for I in 1 .. Argument_Count loop
          Ada.Text_IO.Put_Line (Argument (I));
       end loop;
    end Main;
  `,
  exit3: code`
    with Ada.Command_Line;

    procedure Main is
    begin
       Ada.Command_Line.Set_Exit_Status (3);
    end Main;
  `,
  runtimeError: {
    code: code`
      with Ada.Text_IO;

      procedure Main is
         Answer : constant Integer := Integer'Value ("forty-two");
      begin
         Ada.Text_IO.Put_Line (Integer'Image (Answer));
      end Main;
    `,
    expect: /CONSTRAINT_ERROR/,
  },
  compileError: {
    code: code`
      with Ada.Text_IO;

      procedure Main is
         Answer : Integer := "forty-two";
      begin
         Ada.Text_IO.Put_Line (Integer'Image (Answer));
      end Main;
    `,
    expect: /expected type "Standard.Integer"/,
  },
  twoFiles: [
    {
      name: 'main.adb',
      content: code`
        with Ada.Text_IO;
        with Greet;

        procedure Main is
        begin
           Ada.Text_IO.Put_Line (Greet.Greeting ("two files"));
        end Main;
      `,
    },
    {
      name: 'greet.ads',
      content: code`
        package Greet is
           function Greeting (Name : String) return String;
        end Greet;
      `,
    },
    {
      name: 'greet.adb',
      content: code`
        package body Greet is
           function Greeting (Name : String) return String is
           begin
              return "hello from " & Name;
           end Greeting;
        end Greet;
      `,
    },
  ],
};
