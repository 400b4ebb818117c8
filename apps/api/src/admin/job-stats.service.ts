import { Injectable } from '@nestjs/common';
import type { JobStats } from '#contracts';
import { toSeries } from './job-stats';
import { JobStatsRepository } from './job-stats.repository';

@Injectable()
export class JobStatsService {
  constructor(private readonly repository: JobStatsRepository) {}

  async read(minutes: number, now = new Date()): Promise<JobStats> {
    const since = new Date(Math.floor(now.getTime() / 60_000) * 60_000 - (minutes - 1) * 60_000);
    return toSeries(await this.repository.perMinute(since), now, minutes);
  }
}
