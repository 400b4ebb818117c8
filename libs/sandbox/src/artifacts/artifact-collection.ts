import { randomBytes } from 'node:crypto';
import type { Artifact, ArtifactRequest } from '#contracts';
import type { ArchiveFile } from '../docker/job-archive';
import { artifactMime } from './artifact-mime';
import { extractArtifacts, FRAME_ROOM_PER_FILE } from './artifact-frame';

/**
 * One run stage's artifact collection: the collector's instructions for the run archive
 * (a fresh token, the caps, the patterns; the runner deletes them before the program starts),
 * the stdout room its section needs, and the reading of that section after the run.
 */
export class ArtifactCollection {
  private readonly token = randomBytes(16).toString('hex');

  constructor(private readonly request: ArtifactRequest) {}

  file(): ArchiveFile {
    const { patterns, maxFiles, maxFileBytes, maxTotalBytes } = this.request;
    const lines = [this.token, `${maxFiles} ${maxFileBytes} ${maxTotalBytes}`, ...patterns];
    return { path: 'tmp/runq/artifacts', data: Buffer.from(lines.join('\n')) };
  }

  get stdoutRoom(): number {
    return this.request.maxTotalBytes + (this.request.maxFiles + 1) * FRAME_ROOM_PER_FILE;
  }

  /** stdout without the collector's section, and the artifacts it held. */
  async takeOut(stdout: Buffer): Promise<{ stdout: Buffer; artifacts: Artifact[] }> {
    const { stdout: rest, files } = extractArtifacts(stdout, this.token);
    const artifacts = await Promise.all(
      files.map(async ({ name, size, data }) => ({
        name,
        size,
        mime: await artifactMime(data),
        truncated: data.length < size,
        base64: data.toString('base64'),
      })),
    );
    return { stdout: rest, artifacts };
  }
}
