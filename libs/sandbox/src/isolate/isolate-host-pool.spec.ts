import type Docker from 'dockerode';
import { IsolateHost } from './isolate-host';
import { IsolateHostPool } from './isolate-host-pool';

/** A started host as the pool sees it. */
function fakeHost(name: string) {
  return { id: name, alive: true, running: 0, served: 0, whenIdle: jest.fn(async () => undefined), retire: jest.fn(async () => undefined) };
}
type FakeHost = ReturnType<typeof fakeHost>;

/** A host start the test finishes (or fails) by hand. */
function deferredStart() {
  let resolve!: (host: FakeHost) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<FakeHost>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('IsolateHostPool', () => {
  let start: jest.SpyInstance;
  let pool: IsolateHostPool;

  beforeEach(() => {
    start = jest.spyOn(IsolateHost, 'start');
    pool = new IsolateHostPool({} as Docker, {
      image: 'runq/node',
      hosts: 1,
      recycleAfterJobs: 2,
      profile: { memoryMb: 256, cpus: 1, pids: 64 } as never,
      labels: {},
      readyTimeoutMs: 1000,
    });
  });

  afterEach(() => jest.restoreAllMocks());

  /** Takes a host for one job and hands it back, as a run does. */
  async function serveOne(): Promise<FakeHost> {
    const host = (await pool.acquire()) as unknown as FakeHost;
    host.served++;
    pool.release(host as unknown as IsolateHost);
    return host;
  }

  it('keeps serving from a host past its job count until its replacement is ready, then retires it', async () => {
    const first = fakeHost('first');
    const second = deferredStart();
    start.mockResolvedValueOnce(first).mockReturnValueOnce(second.promise);
    await serveOne();
    await serveOne(); // the second job reaches the count: a replacement starts
    expect(start).toHaveBeenCalledTimes(2);
    // Jobs do not wait for the start; they go on to the old host, which starts no second replacement.
    expect(await serveOne()).toBe(first);
    expect(start).toHaveBeenCalledTimes(2);
    const next = fakeHost('second');
    second.resolve(next);
    await flush();
    expect(await pool.acquire()).toBe(next);
    expect(first.retire).toHaveBeenCalled();
    expect(pool.stats()).toMatchObject({ replaced: 1, hosts: 1 });
  });

  it('serves on from the old host when its replacement fails to start, and tries again on its next job', async () => {
    const first = fakeHost('first');
    start.mockResolvedValueOnce(first).mockRejectedValueOnce(new Error('no engine'));
    await serveOne();
    await serveOne();
    await flush();
    expect(first.retire).not.toHaveBeenCalled();
    const next = fakeHost('second');
    start.mockResolvedValueOnce(next);
    expect(await serveOne()).toBe(first);
    await flush();
    expect(start).toHaveBeenCalledTimes(3);
    expect(await pool.acquire()).toBe(next);
  });

  it('retires a replacement that became ready after the pool stopped', async () => {
    const first = fakeHost('first');
    const second = deferredStart();
    start.mockResolvedValueOnce(first).mockReturnValueOnce(second.promise);
    await serveOne();
    await serveOne();
    await pool.stop();
    const late = fakeHost('late');
    second.resolve(late);
    await flush();
    expect(late.retire).toHaveBeenCalled();
    expect(first.retire).toHaveBeenCalled();
  });
});
