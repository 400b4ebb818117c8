import type { Job } from '#jobs';
import type { CreateJobDto } from './dto/create-job.dto';

/**
 * The request a stored job was created from, for a re-run: every field but the webhook
 * (`callbackUrl`, `callbackFormat`) and `version`. The webhook is left out because the new job belongs to whoever re-runs it: its
 * signature would use that key's secret, which the original receiver does not know, and the
 * receiver never asked for a second delivery. The version is left out so the copy runs on the
 * toolchain installed now. Files keep their order (the entry first) and every text its encoding.
 */
export function rerunRequest(job: Job): CreateJobDto {
  const call = job.functionCall;
  return {
    language: job.language,
    files: job.files.map((f) => ({ name: f.name, content: f.content, encoding: f.encoding ?? 'utf8' })),
    stdin: job.stdin,
    args: job.args,
    compileOptions: job.compileOptions,
    limits: { ...job.limits },
    encoding: job.encoding,
    ...(job.expectedOutput !== null ? { expectedOutput: job.expectedOutput } : {}),
    ...(job.comparison ? { comparison: { ...job.comparison } } : {}),
    ...(job.tests ? { tests: job.tests.map((t) => ({ ...t })) } : {}),
    ...(call ? { function: { ...(call.name !== null ? { name: call.name } : {}), inputs: call.inputs } } : {}),
    ...(job.network ? { network: { allow: [...job.network.allow] } } : {}),
    ...(job.artifactPatterns ? { artifacts: [...job.artifactPatterns] } : {}),
  };
}
