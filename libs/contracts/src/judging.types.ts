import type { Artifact } from './artifact.types';
import type { Outcome, StageResult } from './job.types';

/**
 * How a program's stdout is compared with an expected output:
 * - `exact`: byte for byte;
 * - `trailing_whitespace` (default): trailing spaces on each line and trailing empty lines are ignored;
 * - `whitespace`: all runs of whitespace are equal, leading/trailing whitespace ignored;
 * - `case_insensitive`: as `trailing_whitespace`, ignoring letter case;
 * - `float`: whitespace-separated tokens; numbers equal within `epsilon` (absolute or relative), other tokens exactly.
 */
export const COMPARISON_MODES = ['exact', 'trailing_whitespace', 'whitespace', 'case_insensitive', 'float'] as const;
export type ComparisonMode = (typeof COMPARISON_MODES)[number];

export interface Comparison {
  mode: ComparisonMode;
  /** For `float`: the tolerance (default 1e-6). */
  epsilon?: number;
}

export type TextEncoding = 'utf8' | 'base64';

/** One test case as stored: text in `encoding` (base64 for binary data). */
export interface TestCase {
  stdin: string;
  expectedOutput: string;
  encoding: TextEncoding;
  args?: string[];
  timeoutMs?: number;
  cpuTimeMs?: number;
}

export interface TestCaseResult extends StageResult {
  index: number;
  outcome: Outcome;
  /** This case's artifacts, when the job asked for some. */
  artifacts?: Artifact[];
}

export interface JudgeSummary {
  passed: number;
  total: number;
  /** Index of the first case that did not pass, or null. */
  firstFailure: number | null;
  maxWallMs: number | null;
  maxMemoryBytes: number | null;
}
