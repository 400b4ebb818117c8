import type { ValidationError } from 'class-validator';
import { DomainError } from '#contracts';
import { invalidRequest, validationMessages } from './validation-messages';

const error = (property: string, constraints: Record<string, string> = {}, children: ValidationError[] = []): ValidationError =>
  ({ property, constraints, children }) as ValidationError;

describe('validationMessages', () => {
  it('reports a wrong type before a range, one message per property', () => {
    const cpus = error('cpus', { min: 'cpus must not be less than 0.05', isNumber: 'cpus must be a number' });
    expect(validationMessages([error('limits', {}, [cpus])])).toEqual(['limits.cpus must be a number']);
    const wait = error('waitMs', { min: 'waitMs must not be less than 0', isInt: 'waitMs must be an integer number' });
    expect(validationMessages([wait])).toEqual(['waitMs must be an integer number']);
  });

  it('reports emptiness before a pattern', () => {
    const name = error('name', {
      matches: 'name must not contain control characters',
      minLength: 'name must be longer than or equal to 1 characters',
    });
    expect(validationMessages([name])).toEqual(['name must be longer than or equal to 1 characters']);
  });

  it('reports an object of the wrong type before its nested validation', () => {
    const limits = error('limits', {
      nestedValidation: 'nested property limits must be either object or array',
      isObject: 'limits must be an object',
    });
    expect(validationMessages([limits])).toEqual(['limits must be an object']);
  });

  it('puts the full path in place of the property name, never in front of it', () => {
    const name = error('name', { matches: 'name must be an identifier' });
    const unknown = error('foo', { whitelistValidation: 'property foo should not exist' });
    const args = error('args', { isString: 'each value in args must be a string' });
    const content = error('content', { isString: 'content must be a string' });
    expect(
      validationMessages([
        error('function', {}, [name]),
        error('limits', {}, [unknown]),
        error('tests', {}, [error('0', {}, [args])]),
        error('files', {}, [error('2', {}, [content])]),
      ]),
    ).toEqual([
      'function.name must be an identifier',
      'property limits.foo should not exist',
      'each value in tests.0.args must be a string',
      'files.2.content must be a string',
    ]);
  });

  it('keeps top-level messages as class-validator writes them, and names the path of a message that does not start with the property', () => {
    expect(validationMessages([error('extra', { whitelistValidation: 'property extra should not exist' })])).toEqual([
      'property extra should not exist',
    ]);
    expect(validationMessages([error('limits', {}, [error('x', { custom: 'odd' })])])).toEqual(['limits.x: odd']);
  });

  it('lists properties in the order they were found, parents before their children, and at most 50', () => {
    const found = validationMessages([
      error('a', { isString: 'a must be a string' }),
      error('b', {}, [error('c', { isInt: 'c must be an integer number' })]),
      error('d', { isString: 'd must be a string' }),
    ]);
    expect(found).toEqual(['a must be a string', 'b.c must be an integer number', 'd must be a string']);
    const many = Array.from({ length: 80 }, (_, i) => error(`p${i}`, { whitelistValidation: 'x' }));
    expect(validationMessages(many)).toHaveLength(50);
  });

  it('makes one invalid_request error listing every message', () => {
    const refused = invalidRequest([error('a', { isString: 'a must be a string' }), error('b', { isInt: 'b must be an integer number' })]);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused.code).toBe('invalid_request');
    expect(refused.messages).toEqual(['a must be a string', 'b must be an integer number']);
  });
});
