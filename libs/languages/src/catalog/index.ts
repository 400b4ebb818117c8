import type { LanguageDefinition } from '../language.types';
import { MANAGED_LANGUAGES } from './managed';
import { NATIVE_LANGUAGES } from './native';
import { SCRIPTING_LANGUAGES } from './scripting';

/**
 * Every language runq can run. Adding one = one entry in a file of this folder plus one
 * images/<image>/Dockerfile (see README, "Adding a language").
 */
export const LANGUAGES: readonly LanguageDefinition[] = [...SCRIPTING_LANGUAGES, ...MANAGED_LANGUAGES, ...NATIVE_LANGUAGES];
