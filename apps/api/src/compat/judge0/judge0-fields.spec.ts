import { DEFAULT_FIELDS } from '#jobs';
import { parseFields } from './judge0-fields';

describe('parseFields', () => {
  it('defaults to the 8, takes * as the 35, keeps the order asked for, and refuses unknown names as Judge0 does', () => {
    expect(parseFields(undefined)).toEqual(DEFAULT_FIELDS);
    expect(parseFields('*')).toHaveLength(35);
    expect(parseFields('status,token')).toEqual(['status', 'token']);
    expect(() => parseFields('token, status,foo')).toThrow(
      expect.objectContaining({ status: 400, body: { error: 'invalid fields: [ status, foo]' } }),
    );
  });
});
