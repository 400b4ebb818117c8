import { Global, Module } from '@nestjs/common';
import { loadConfig, RunqConfig } from './runq-config';

export const RUNQ_CONFIG = Symbol('RUNQ_CONFIG');

@Global()
@Module({
  providers: [{ provide: RUNQ_CONFIG, useFactory: (): RunqConfig => loadConfig() }],
  exports: [RUNQ_CONFIG],
})
export class RunqConfigModule {}
