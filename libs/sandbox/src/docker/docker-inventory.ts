import Docker from 'dockerode';
import type { LanguageDefinition } from '#languages';
import { FLEET_LABEL, MANAGED_LABEL, WORKER_LABEL } from './container-spec';
import { removeContainer } from './container-removal';

export const VERSION_LABEL_PREFIX = 'runq.version.';

/** What a worker asks of its Docker engine besides running containers. */
export class DockerInventory {
  constructor(private readonly docker: Docker) {}

  async ping(): Promise<void> {
    await this.docker.ping();
  }

  /** Names of the container runtimes the engine has registered (runc, runsc, …). */
  async runtimes(): Promise<string[]> {
    const info = (await this.docker.info()) as { Runtimes?: Record<string, unknown> };
    return Object.keys(info.Runtimes ?? {});
  }

  /** language id -> version, from labels written by the image build (scripts/build-images.ts). */
  async languageVersions(languages: readonly LanguageDefinition[], imagePrefix: string): Promise<Record<string, string>> {
    const versions: Record<string, string> = {};
    for (const language of languages) {
      try {
        const info = await this.docker.getImage(`${imagePrefix}${language.image}:latest`).inspect();
        const version = info.Config?.Labels?.[`${VERSION_LABEL_PREFIX}${language.id}`];
        if (version) versions[language.id] = version;
      } catch {
        // Image not built on this host: the worker does not offer the language.
      }
    }
    return versions;
  }

  /** Sandbox containers of one fleet (every state), with the worker that started each. */
  async sandboxes(fleet: string): Promise<{ id: string; workerId: string }[]> {
    const containers = await this.docker.listContainers({
      all: true,
      filters: { label: [`${MANAGED_LABEL}=1`, `${FLEET_LABEL}=${fleet}`] },
    });
    return containers.map((c) => ({ id: c.Id, workerId: c.Labels?.[WORKER_LABEL] ?? '' }));
  }

  /** Force-removes containers (with their anonymous volumes); one already gone is not an error. */
  async remove(ids: string[]): Promise<void> {
    await Promise.all(ids.map((id) => removeContainer(this.docker.getContainer(id))));
  }

  /**
   * Removes sandbox containers whose worker is gone (crashed, killed): a container left
   * by a live worker on the same engine is not touched. Returns how many were removed.
   */
  async removeOrphans(fleet: string, isLive: (workerId: string) => boolean): Promise<number> {
    const orphans = (await this.sandboxes(fleet)).filter((c) => !isLive(c.workerId));
    await this.remove(orphans.map((c) => c.id));
    return orphans.length;
  }
}
