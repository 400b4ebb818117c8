import { code, type LanguagePrograms } from '../program-kit';

// Both styles runq-nasm links: _start with raw Linux system calls (ld), or main() with the C library (gcc).
export const programs: LanguagePrograms = {
  hello: code`
    global _start

    section .data
    message: db "hello", 10
    length:  equ $ - message

    section .text
    _start:
        mov rax, 1          ; write
        mov rdi, 1          ; stdout
        mov rsi, message
        mov rdx, length
        syscall
        mov rax, 60         ; exit
        xor rdi, rdi
        syscall
  `,
  sum: code`
    global main
    extern scanf, printf

    section .data
    input:  db "%ld %ld", 0
    output: db "%ld", 10, 0

    section .bss
    a: resq 1
    b: resq 1

    section .text
    main:
        sub rsp, 8
        lea rdi, [rel input]
        lea rsi, [rel a]
        lea rdx, [rel b]
        xor eax, eax
        call scanf
        mov rsi, [rel a]
        add rsi, [rel b]
        lea rdi, [rel output]
        xor eax, eax
        call printf
        xor eax, eax
        add rsp, 8
        ret
  `,
  args: code`
    global main
    extern puts

    section .text
    main:
        push rbx
        push r12
        push r13
        mov r12d, edi       ; argc
        mov r13, rsi        ; argv
        mov ebx, 1
    .next:
        cmp ebx, r12d
        jge .done
        mov rdi, [r13 + rbx * 8]
        call puts
        inc ebx
        jmp .next
    .done:
        xor eax, eax
        pop r13
        pop r12
        pop rbx
        ret
  `,
  exit3: code`
    global _start

    section .text
    _start:
        mov rax, 60         ; exit
        mov rdi, 3
        syscall
  `,
  runtimeError: {
    code: code`
      global main
      extern abort, fputs, stderr

      section .data
      message: db "fatal: no input given", 10, 0

      section .text
      main:
          sub rsp, 8
          lea rdi, [rel message]
          mov rsi, [rel stderr]
          call fputs
          call abort
    `,
    expect: /fatal: no input given/,
  },
  compileError: {
    code: code`
      global _start

      section .text
      _start:
          mov rax, 60
          mov rdi, undefined_symbol
          syscall
    `,
    expect: /undefined_symbol/,
  },
  twoFiles: [
    {
      name: 'main.asm',
      content: code`
        global main
        extern greeting, puts

        section .text
        main:
            sub rsp, 8
            call greeting       ; returns the text in rax
            mov rdi, rax
            call puts
            xor eax, eax
            add rsp, 8
            ret
      `,
    },
    {
      name: 'greet.asm',
      content: code`
        global greeting

        section .data
        text: db "hello from two files", 0

        section .text
        greeting:
            lea rax, [rel text]
            ret
      `,
    },
  ],
};
