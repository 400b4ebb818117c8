import { ArrivalOrder } from './arrival-order';

describe('ArrivalOrder', () => {
  it('joins consecutive chunks of a stream into one run, positive for stdout and negative for stderr', () => {
    const order = new ArrivalOrder();
    for (const [stream, bytes] of [
      ['stdout', 2],
      ['stdout', 3],
      ['stderr', 4],
      ['stdout', 0],
      ['stdout', 1],
    ] as const)
      order.record(stream, bytes);
    expect(order.list()).toEqual([5, -4, 1]);
  });

  it('has nothing to say when only one stream had output', () => {
    const order = new ArrivalOrder();
    order.record('stderr', 3);
    order.record('stderr', 3);
    expect(order.list()).toBeNull();
  });

  it('stops recording past its bound rather than grow with a flood', () => {
    const order = new ArrivalOrder();
    for (let i = 0; i < 10_000; i++) order.record(i % 2 ? 'stderr' : 'stdout', 1);
    expect(order.list()).toHaveLength(4096);
  });
});
