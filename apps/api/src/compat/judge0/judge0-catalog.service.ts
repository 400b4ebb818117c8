import { Injectable } from '@nestjs/common';
import type { Judge0LanguageRef } from '#jobs';
import { quote } from 'shell-quote';
import { LanguageRegistry, type LanguageDefinition } from '#languages';
import { LanguagesService } from '../../languages/languages.service';
import { JUDGE0_LANGUAGES, judge0IdOf, judge0Language, judge0LanguageName, type Judge0Language } from './judge0-languages';
import type { RunqLanguageFacts } from './judge0-request.mapper';

export interface Judge0LanguageDetail {
  id: number;
  name: string;
  is_archived: boolean;
  source_file: string;
  compile_cmd: string | null;
  run_cmd: string;
}

/** Judge0's language ids over runq's catalog, named with the toolchain versions live workers report. */
@Injectable()
export class Judge0Catalog {
  constructor(
    private readonly registry: LanguageRegistry,
    private readonly installed: LanguagesService,
  ) {}

  /** Every mapped id, by name as Judge0 orders them. */
  list(): { id: number; name: string }[] {
    return JUDGE0_LANGUAGES.filter((l) => this.registry.resolve(l.runq))
      .map((l) => ({ id: l.id, name: this.name(l) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id));
  }

  detail(id: number): Judge0LanguageDetail | null {
    const entry = judge0Language(id);
    const language = entry && this.registry.resolve(entry.runq);
    if (!entry || !language) return null;
    return {
      id,
      name: this.name(entry),
      is_archived: false,
      source_file: language.fileName,
      compile_cmd: language.compile ? command(language.compile, language) : null,
      run_cmd: command(language.run, language),
    };
  }

  /** The id and name a job of this runq language is shown under. */
  ref(runqLanguage: string): Judge0LanguageRef {
    const id = judge0IdOf(runqLanguage);
    const entry = id === null ? undefined : judge0Language(id);
    return { id, name: entry ? this.name(entry) : runqLanguage };
  }

  facts(runqLanguage: string): RunqLanguageFacts | undefined {
    const language = this.registry.resolve(runqLanguage);
    return language && { fileName: language.fileName, compiled: Boolean(language.compile) };
  }

  private name(entry: Judge0Language): string {
    return judge0LanguageName(entry, this.installed.installed()[entry.runq] ?? null);
  }
}

/** A stage's argv as one command line, placeholders filled for a single source file. */
function command(argv: string[], language: LanguageDefinition): string {
  const stem = language.fileName.replace(/\.[^.]*$/, '');
  const words = argv
    .filter((word) => word !== '{options}')
    .map((word) => word.replace('{entry}', language.fileName).replace('{sources}', language.fileName).replace('{stem}', stem));
  return quote(words);
}
