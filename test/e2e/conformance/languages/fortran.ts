import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    program hello
      implicit none
      print '(a)', 'hello'
    end program hello
  `,
  sum: code`
    program add
      implicit none
      integer :: a, b
      read *, a
      read *, b
      print '(i0)', a + b
    end program add
  `,
  args: code`
    program arguments
      implicit none
      integer :: i, length
      character(len=:), allocatable :: arg
      do i = 1, command_argument_count()
        call get_command_argument(i, length=length)
        allocate (character(len=length) :: arg)
        call get_command_argument(i, arg)
        print '(a)', arg
        deallocate (arg)
      end do
    end program arguments
  `,
  exit3: code`
    program exit_three
      implicit none
      stop 3
    end program exit_three
  `,
  runtimeError: {
    code: code`
      program read_config
        implicit none
        integer :: unit
        open (newunit=unit, file='missing.txt', status='old', action='read')
        close (unit)
      end program read_config
    `,
    expect: /Fortran runtime error: Cannot open file 'missing\.txt'/,
  },
  compileError: {
    code: code`
      program broken
        implicit none
        integer :: answer
        answer = 'forty-two'
        print *, answer
      end program broken
    `,
    expect: /Error: Cannot convert CHARACTER/,
  },
  twoFiles: [
    {
      name: 'main.f90',
      content: code`
        program main
          use greet, only: greeting
          implicit none
          print '(a)', greeting('two files')
        end program main
      `,
    },
    {
      name: 'greet.f90',
      content: code`
        module greet
          implicit none
          private
          public :: greeting
        contains
          function greeting(name) result(text)
            character(len=*), intent(in) :: name
            character(len=:), allocatable :: text
            text = 'hello from ' // name
          end function greeting
        end module greet
      `,
    },
  ],
};
