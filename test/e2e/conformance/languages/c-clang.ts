import { type LanguagePrograms } from '../program-kit';
import { programs as gcc } from './c';

// The GCC programs; only Clang's wording of the compile error differs.
export const programs: LanguagePrograms = {
  ...gcc,
  compileError: { code: gcc.compileError!.code, expect: /use of undeclared identifier 'answer'/ },
};
