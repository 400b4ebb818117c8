import { DomainError } from '#contracts';
import { buildArtifacts } from './artifact-request';

describe('buildArtifacts', () => {
  it('keeps relative glob patterns; none or an empty list asks for nothing', () => {
    expect(buildArtifacts({ artifacts: ['*.png', 'out/**', 'a?.csv'] })).toEqual({ artifactPatterns: ['*.png', 'out/**', 'a?.csv'] });
    expect(buildArtifacts({})).toEqual({ artifactPatterns: null });
    expect(buildArtifacts({ artifacts: [] })).toEqual({ artifactPatterns: null });
  });

  it.each([['../x'], ['out/../../x'], ['/etc/passwd'], ['a\\b'], [' '], ['a\nb']])('refuses %j naming the pattern', (pattern) => {
    const refused = () => buildArtifacts({ artifacts: ['ok.txt', pattern] });
    expect(refused).toThrow(DomainError);
    expect(refused).toThrow(/^artifacts\[1\]/);
  });
});
