import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, IsArray, IsIn, IsNumber, IsOptional, IsString, MaxLength } from 'class-validator';

export const ENCODINGS = ['utf8', 'base64'];

export const MAX_FILES = 64;
export const MAX_ARGS = 128;

/** An array of strings ("must be an array of strings" when it is not an array at all). */
export const IsStringArray = () => applyDecorators(IsArray({ message: '$property must be an array of strings' }), IsString({ each: true }));
/** A finite number ("must be a number" before any range check). */
export const IsFiniteNumber = () => IsNumber({ allowNaN: false, allowInfinity: false }, { message: '$property must be a number' });
/** Optional command-line arguments: strings, bounded in number and length. */
export const IsArgs = () => applyDecorators(IsOptional(), IsStringArray(), ArrayMaxSize(MAX_ARGS), MaxLength(4096, { each: true }));
/** Optional `utf8` (default) or `base64`. */
export const IsEncoding = () => applyDecorators(IsOptional(), IsIn(ENCODINGS));
