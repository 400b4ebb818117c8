import { surfaceExceptionFilter } from '../surface-exception.filter';
import { toPistonError } from './piston-error.mapper';

/** Errors of the Piston controllers in Piston's format; what it does not map, the global filter answers. */
export const PistonExceptionFilter = surfaceExceptionFilter(toPistonError);
