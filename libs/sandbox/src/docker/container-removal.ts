import type Docker from 'dockerode';

const ATTEMPTS = 5;
const FIRST_RETRY_MS = 200;

/**
 * Force-removes a container, retrying what the engine refuses only for the moment: a
 * removal that races the container's own exit fails with "could not kill running
 * container … is not running" and leaves it "Removal In Progress" until asked again.
 * A container that is already gone (404) counts as removed. Never rejects.
 */
export async function removeContainer(
  container: Pick<Docker.Container, 'remove'>,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      await container.remove({ force: true, v: true });
      return true;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return true;
      if (attempt >= ATTEMPTS) return false;
      await sleep(FIRST_RETRY_MS * 2 ** (attempt - 1));
    }
  }
}
