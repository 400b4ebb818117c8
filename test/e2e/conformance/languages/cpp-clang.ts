import { type LanguagePrograms } from '../program-kit';
import { programs as gcc } from './cpp';

// The G++ programs; only Clang's wording of the compile error differs.
export const programs: LanguagePrograms = {
  ...gcc,
  compileError: { code: gcc.compileError!.code, expect: /cannot initialize a variable of type|no viable conversion/ },
};
