import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import Docker from 'dockerode';
import { RUNQ_CONFIG, RunqConfigModule, type RunqConfig } from '#config';
import { EXECUTIONS_QUEUE } from '#contracts';
import { DbModule } from '#db';
import { WebhookClient, WebhooksProducerModule } from '#webhooks';
import { bullConnection, MessagingModule, PERSISTENT } from '#messaging';
import {
  ContainerPool,
  DockerContainerRunner,
  DockerInventory,
  LanguageRegistry,
  SandboxService,
  WORKER_LABEL,
  FLEET_LABEL,
} from '#sandbox';
import { CallbackDeliveryService } from './callbacks/callback-delivery.service';
import { CallbackProcessor } from './callbacks/callback.processor';
import { ExecutionProcessor } from './execution/execution.processor';
import { ExecutionService } from './execution/execution.service';
import { RunningExecutions } from './execution/running-executions';
import { HeartbeatService } from './fleet/heartbeat.service';
import { LanguageVersions } from './fleet/language-versions';
import { OrphanSweeper } from './fleet/orphan-sweeper.service';
import { QueueEntries } from './recovery/queue-entries';
import { ReconcilerService } from './recovery/reconciler.service';
import { DOCKER, fleetIdOf, makeWorkerId, SANDBOX_LABELS, WORKER_ID } from './worker.tokens';

/** Extra wall time a container gets on top of the job's limit to start and unpack. */
const START_GRACE_MS = 1000;

@Module({
  imports: [
    RunqConfigModule,
    DbModule,
    MessagingModule.forRoot(PERSISTENT),
    BullModule.forRootAsync({
      inject: [RUNQ_CONFIG],
      useFactory: (config: RunqConfig) => ({ connection: bullConnection(config.redisUrl, PERSISTENT) }),
    }),
    BullModule.registerQueue({ name: EXECUTIONS_QUEUE }),
    WebhooksProducerModule,
  ],
  providers: [
    { provide: WORKER_ID, inject: [RUNQ_CONFIG], useFactory: (config: RunqConfig) => makeWorkerId(config.worker.id) },
    {
      provide: SANDBOX_LABELS,
      inject: [RUNQ_CONFIG, WORKER_ID],
      useFactory: (config: RunqConfig, workerId: string) => ({
        [WORKER_LABEL]: workerId,
        [FLEET_LABEL]: fleetIdOf(config.redisUrl),
      }),
    },
    // dockerode reads DOCKER_HOST (and DOCKER_TLS_VERIFY, DOCKER_CERT_PATH) itself.
    { provide: DOCKER, useFactory: () => new Docker() },
    { provide: DockerContainerRunner, inject: [DOCKER], useFactory: (docker: Docker) => new DockerContainerRunner(docker) },
    { provide: DockerInventory, inject: [DOCKER], useFactory: (docker: Docker) => new DockerInventory(docker) },
    { provide: LanguageRegistry, useFactory: () => new LanguageRegistry() },
    {
      provide: ContainerPool,
      inject: [DockerContainerRunner, RUNQ_CONFIG, SANDBOX_LABELS],
      useFactory: (runner: DockerContainerRunner, config: RunqConfig, labels: Record<string, string>) =>
        new ContainerPool(runner, { ...config.pool, labels }),
    },
    {
      provide: SandboxService,
      inject: [ContainerPool, RUNQ_CONFIG],
      useFactory: (runner: ContainerPool, config: RunqConfig) =>
        new SandboxService(runner, {
          imagePrefix: config.worker.imagePrefix,
          runtime: config.worker.runtime,
          compile: config.compile,
          startGraceMs: START_GRACE_MS,
          testParallelism: config.judging.testParallelism,
        }),
    },
    RunningExecutions,
    ExecutionService,
    ExecutionProcessor,
    HeartbeatService,
    LanguageVersions,
    OrphanSweeper,
    QueueEntries,
    ReconcilerService,
    WebhookClient,
    CallbackDeliveryService,
    CallbackProcessor,
  ],
})
export class WorkerModule {}
