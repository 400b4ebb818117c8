import type { Container } from 'dockerode';

/**
 * The container's stdin, stdout and stderr as one hijacked stream (stdout and stderr multiplexed,
 * see `docker.modem.demuxStream`): attached before start, so no output is lost.
 */
export async function attachStreams(container: Container): Promise<NodeJS.ReadWriteStream> {
  return (await container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true })) as NodeJS.ReadWriteStream;
}
