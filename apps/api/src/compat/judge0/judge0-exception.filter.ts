import { surfaceExceptionFilter } from '../surface-exception.filter';
import { toJudge0Error } from './judge0-error.mapper';

/** Errors on the Judge0 surface in Judge0's format; anything else as the app answers it. */
export const Judge0ExceptionFilter = surfaceExceptionFilter(toJudge0Error);
