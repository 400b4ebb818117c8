import type { LanguageDefinition } from '../language.types';
import { MANAGED_LANGUAGES } from './managed';
import { NATIVE_LANGUAGES } from './native';
import { GCC_LANGUAGES } from './native-gcc';
import { SCRIPTING_LANGUAGES } from './scripting';
import { SYMBOLIC_LANGUAGES } from './symbolic';

/**
 * Every language runq can run. Adding one = one entry in a file of this folder plus one
 * images/<image>/Dockerfile, or a package in an existing image (see README, "Adding a language").
 */
export const LANGUAGES: readonly LanguageDefinition[] = [
  ...SCRIPTING_LANGUAGES,
  ...SYMBOLIC_LANGUAGES,
  ...MANAGED_LANGUAGES,
  ...GCC_LANGUAGES,
  ...NATIVE_LANGUAGES,
];
