/**
 * Piston's runtime names and aliases (Piston's package metadata) for the runq languages they
 * match; a runq language not listed keeps its runq id and aliases under /piston.
 */
export interface PistonName {
  /** runq language id. */
  id: string;
  /** Piston's `language`. */
  language: string;
  aliases: string[];
  /** Piston's `runtime`, for languages a shared toolchain package provides. */
  runtime?: string;
}

export const PISTON_NAMES: readonly PistonName[] = [
  { id: 'python', language: 'python', aliases: ['py', 'py3', 'python3'] },
  { id: 'c', language: 'c', aliases: ['gcc'], runtime: 'gcc' },
  { id: 'cpp', language: 'c++', aliases: ['cpp', 'g++'], runtime: 'gcc' },
  { id: 'fortran', language: 'fortran', aliases: ['fortran', 'f90'], runtime: 'gcc' },
  { id: 'd', language: 'd', aliases: ['gdc'] },
  { id: 'javascript', language: 'javascript', aliases: ['node-javascript', 'node-js', 'javascript', 'js'], runtime: 'node' },
  { id: 'typescript', language: 'typescript', aliases: ['ts', 'node-ts', 'tsc'] },
  { id: 'java', language: 'java', aliases: [] },
  { id: 'go', language: 'go', aliases: ['go', 'golang'] },
  { id: 'rust', language: 'rust', aliases: ['rs'] },
  { id: 'bash', language: 'bash', aliases: ['sh'] },
  { id: 'ruby', language: 'ruby', aliases: ['ruby3', 'rb'] },
  { id: 'php', language: 'php', aliases: [] },
  { id: 'perl', language: 'perl', aliases: ['pl'] },
  { id: 'lua', language: 'lua', aliases: [] },
  { id: 'csharp', language: 'csharp', aliases: ['mono', 'mono-csharp', 'mono-c#', 'mono-cs', 'c#', 'cs'], runtime: 'mono' },
  { id: 'kotlin', language: 'kotlin', aliases: ['kt'] },
  { id: 'scala', language: 'scala', aliases: ['sc'] },
  { id: 'haskell', language: 'haskell', aliases: ['haskell', 'hs'] },
  { id: 'ocaml', language: 'ocaml', aliases: ['ocaml', 'ml'] },
  { id: 'pascal', language: 'pascal', aliases: ['freepascal', 'pp', 'pas'] },
  { id: 'elixir', language: 'elixir', aliases: ['elixir', 'exs'] },
  { id: 'erlang', language: 'erlang', aliases: ['erlang', 'erl', 'escript'] },
  { id: 'r', language: 'rscript', aliases: ['r'] },
  { id: 'sql', language: 'sqlite3', aliases: ['sqlite', 'sql'] },
  { id: 'racket', language: 'racket', aliases: ['rkt'] },
];
