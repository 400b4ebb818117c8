import { uuidPrefixRange } from './job-id-range';

describe('uuidPrefixRange', () => {
  it('covers every id that starts with the prefix, dashes or not', () => {
    expect(uuidPrefixRange('6b6c58')).toEqual({ gte: '6b6c5800-0000-0000-0000-000000000000', lte: '6b6c58ff-ffff-ffff-ffff-ffffffffffff' });
    expect(uuidPrefixRange('6B6C5831-AB')).toEqual({
      gte: '6b6c5831-ab00-0000-0000-000000000000',
      lte: '6b6c5831-abff-ffff-ffff-ffffffffffff',
    });
  });

  it('is a single id for a whole one, and null for text that is not hex', () => {
    const id = '6b6c5831-ab12-4c3d-8e9f-0123456789ab';
    expect(uuidPrefixRange(id)).toEqual({ gte: id, lte: id });
    expect(uuidPrefixRange('xyz')).toBeNull();
    expect(uuidPrefixRange('')).toBeNull();
  });
});
