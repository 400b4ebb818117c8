import { LanguageRegistry } from '#languages';
import { checkRuntimesAvailable, resolveRuntimeOverrides, RuntimeSelectionError } from './runtime-selection';

describe('runtime selection', () => {
  const registry = new LanguageRegistry();

  it('resolves aliases to language ids', () => {
    expect(resolveRuntimeOverrides({ py: 'runsc', java: 'runc' }, registry)).toEqual({ python: 'runsc', java: 'runc' });
  });

  it('names an unknown language and lists the valid ids', () => {
    expect(() => resolveRuntimeOverrides({ intercal: 'runsc' }, registry)).toThrow(/unknown language "intercal"; valid ids: .*python/);
  });

  it('refuses two runtimes for one language given by id and alias', () => {
    expect(() => resolveRuntimeOverrides({ python: 'runsc', py: 'runc' }, registry)).toThrow(RuntimeSelectionError);
  });

  it('accepts runtimes the engine has', () => {
    expect(() => checkRuntimesAvailable('runc', { java: 'runsc' }, ['runc', 'runsc'])).not.toThrow();
  });

  it('names the setting whose runtime the engine lacks', () => {
    expect(() => checkRuntimesAvailable('runc', { java: 'kata' }, ['runc', 'runsc'])).toThrow(
      /RUNQ_RUNTIME_OVERRIDES \(java\): the Docker engine has no runtime "kata" \(it has: runc, runsc\)/,
    );
    expect(() => checkRuntimesAvailable('runsc', {}, ['runc'])).toThrow(/RUNQ_RUNTIME: .*no runtime "runsc"/);
  });
});
