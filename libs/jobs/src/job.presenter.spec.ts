import type { Job } from './job';
import { presentJob } from './job.presenter';

const artifact = { name: 'a.csv', size: 4, mime: 'text/csv', truncated: false, base64: 'eCx5Cg==' };
// Only the fields the presenter reads for artifacts; the rest of a row does not matter here.
const job = (over: Record<string, unknown>) =>
  ({ limits: {}, createdAt: new Date(), startedAt: null, finishedAt: null, ...over }) as unknown as Job;

describe('presentJob: artifacts', () => {
  it('carries the bytes in a single-job view and only metadata when asked without them (lists, webhooks)', () => {
    const row = job({
      artifactPatterns: ['*.csv'],
      artifacts: [artifact],
      testResults: [{ index: 0, outcome: 'ok', artifacts: [artifact] }],
    });
    expect(presentJob(row)).toMatchObject({ artifactPatterns: ['*.csv'], artifacts: [artifact], tests: [{ artifacts: [artifact] }] });
    const listed = presentJob(row, { artifactBodies: false });
    const { base64: _bytes, ...meta } = artifact;
    expect(listed.artifacts).toEqual([meta]);
    expect(listed.tests![0].artifacts).toEqual([meta]);
  });

  it('leaves both fields out of a job that asked for none', () => {
    const view = presentJob(job({ artifactPatterns: null, artifacts: null }));
    expect(view).not.toHaveProperty('artifacts');
    expect(view).not.toHaveProperty('artifactPatterns');
  });
});
