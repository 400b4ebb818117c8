import { type LanguagePrograms } from '../program-kit';
import { programs as python } from './python';

// PyPy runs the same programs as CPython.
export const programs: LanguagePrograms = python;
