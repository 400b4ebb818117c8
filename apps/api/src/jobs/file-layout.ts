import { DomainError, FUNCTION_TYPESCRIPT_GLOBALS_FILE } from '#contracts';
import type { LanguageDefinition } from '#languages';

/** What the sandbox adds next to the job's files, by name, and who adds it. */
function reservedNames(language: LanguageDefinition, names: readonly string[], functionMode: boolean): Map<string, string> {
  const reserved = new Map<string, string>();
  const sources = names.filter((name) => language.sourceExtensions.some((ext) => name.endsWith(ext)));
  const stems = sources.map((name) => name.replace(/\.[^./]*$/, ''));
  const outputs = [...(language.compileOutputs ?? [])];
  if (functionMode && language.id === 'typescript') outputs.push('{source}.js.map');
  for (const output of outputs) {
    const paths = output.includes('{source}') ? stems.map((stem) => output.replaceAll('{source}', stem)) : [output];
    for (const path of paths) reserved.set(path, `the ${language.id} compiler writes it`);
  }
  if (functionMode && language.id === 'typescript')
    reserved.set(FUNCTION_TYPESCRIPT_GLOBALS_FILE, 'function mode declares its globals in it');
  return reserved;
}

/**
 * Refuses a set of file names the sandbox could not lay out in /work, or would change
 * under the job: a name that is also the directory of another (`a` and `a/b.py`), a
 * name the compile stage or function mode writes (`main` for C, `x.js` next to `x.ts`),
 * or one a tool would read as an option (`-o.c`). Names are already each well-formed and
 * distinct (checked one by one); `functionMode` is whether the job calls a function.
 */
export function checkFileLayout(names: readonly string[], language: LanguageDefinition, functionMode: boolean): void {
  const index = new Map(names.map((name, i) => [name, i]));
  const reserved = reservedNames(language, names, functionMode);
  names.forEach((name, i) => {
    const field = `files[${i}].name`;
    if (name.startsWith('-'))
      throw DomainError.invalid(`${field} must not start with "-" (a compiler or interpreter would read it as an option)`, field);
    const segments = name.split('/');
    for (let depth = 1; depth < segments.length; depth++) {
      const directory = segments.slice(0, depth).join('/');
      const other = index.get(directory);
      if (other === undefined) continue;
      const [first, second] = other < i ? [other, i] : [i, other];
      throw DomainError.invalid(
        `files[${second}].name "${names[second]}" clashes with files[${first}].name "${names[first]}": "${directory}" would have to be both a file and a directory`,
        `files[${second}].name`,
      );
    }
    const why = reserved.get(name) ?? [...reserved].find(([path]) => path.startsWith(`${name}/`) || name.startsWith(`${path}/`))?.[1];
    if (why) throw DomainError.invalid(`${field} "${name}" is a name the sandbox uses in /work (${why}); rename the file`, field);
  });
}
