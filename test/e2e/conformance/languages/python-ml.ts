import { programs as python } from './python';

// The same interpreter as python, with the scientific stack beside it: Python's programs apply as they are.
export const programs = python;
