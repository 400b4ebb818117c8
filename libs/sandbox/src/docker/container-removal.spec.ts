import { removeContainer } from './container-removal';

const engineError = (statusCode: number, message: string) => Object.assign(new Error(message), { statusCode });
const noWait = async () => undefined;

describe('removeContainer', () => {
  it('asks again when the engine refuses a removal that raced the container exit', async () => {
    const remove = jest
      .fn()
      .mockRejectedValueOnce(engineError(500, 'Could not kill running container x, cannot remove - Container x is not running'))
      .mockRejectedValueOnce(engineError(409, 'removal of container x is already in progress'))
      .mockResolvedValueOnce(undefined);
    await expect(removeContainer({ remove }, noWait)).resolves.toBe(true);
    expect(remove).toHaveBeenCalledTimes(3);
    expect(remove).toHaveBeenLastCalledWith({ force: true, v: true });
  });

  it('takes a container that is already gone as removed, without asking again', async () => {
    const remove = jest.fn().mockRejectedValue(engineError(404, 'No such container: x'));
    await expect(removeContainer({ remove }, noWait)).resolves.toBe(true);
    expect(remove).toHaveBeenCalledTimes(1);
  });

  it('gives up after a bounded number of attempts, backing off between them, and never rejects', async () => {
    const waits: number[] = [];
    const remove = jest.fn().mockRejectedValue(engineError(500, 'engine busy'));
    await expect(removeContainer({ remove }, async (ms) => void waits.push(ms))).resolves.toBe(false);
    expect(remove).toHaveBeenCalledTimes(5);
    expect(waits).toEqual([200, 400, 800, 1600]);
  });
});
