/** Artifacts: files a program leaves in its work directory that a job asks back with glob patterns. */

/** One collected file. `base64` holds its bytes (cut when `truncated`); list views and webhooks leave it out. */
export interface Artifact {
  /** Path relative to the work directory. */
  name: string;
  /** The file's full size in bytes, even when only part of it came back. */
  size: number;
  /** Read from the bytes (the detector of function mode, plus text/csv). */
  mime: string;
  /** A cap (per file or in all) cut the file: `base64` holds only its start. */
  truncated: boolean;
  base64?: string;
}

/** What a job asks back: the patterns, and the server's caps at the time it ran. */
export interface ArtifactRequest {
  patterns: string[];
  maxFiles: number;
  maxFileBytes: number;
  maxTotalBytes: number;
}

/** Artifacts without their bytes: what list views and webhooks carry. */
export function artifactMetadata(artifacts: Artifact[]): Artifact[] {
  return artifacts.map(({ base64: _bytes, ...meta }) => meta);
}
