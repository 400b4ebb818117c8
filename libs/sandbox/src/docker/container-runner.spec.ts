import type Docker from 'dockerode';
import { DockerContainerRunner } from './container-runner';

describe('DockerContainerRunner start-failure hook', () => {
  it('reports a container that cannot be created, with its image, and still rejects', async () => {
    const failures: string[] = [];
    const docker = { createContainer: jest.fn().mockRejectedValue(new Error('no such image')) } as unknown as Docker;
    const runner = new DockerContainerRunner(docker, { onStartFailure: (image) => failures.push(image) });
    await expect(runner.prepare({ Image: 'runq/python' })).rejects.toThrow('no such image');
    expect(failures).toEqual(['runq/python']);
  });

  it('reports a container that is created but does not start, and removes it', async () => {
    const failures: string[] = [];
    const remove = jest.fn().mockResolvedValue(undefined);
    const stream = { on: jest.fn(), destroy: jest.fn() };
    const container = {
      attach: jest.fn().mockResolvedValue(stream),
      start: jest.fn().mockRejectedValue(new Error('OCI runtime error')),
      remove,
    };
    const docker = { createContainer: jest.fn().mockResolvedValue(container), modem: { demuxStream: jest.fn() } } as unknown as Docker;
    const runner = new DockerContainerRunner(docker, { onStartFailure: (image) => failures.push(image) });
    await expect(runner.prepare({ Image: 'runq/gcc' })).rejects.toThrow('OCI runtime error');
    await runner.settle();
    expect(failures).toEqual(['runq/gcc']);
    expect(remove).toHaveBeenCalledWith({ force: true, v: true });
  });
});
