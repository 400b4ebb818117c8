import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import Docker from 'dockerode';
import { LoggerModule } from 'nestjs-pino';
import { RUNQ_CONFIG, RunqConfigModule, type RunqConfig } from '#config';
import { workerLoggerParams } from '#process';
import { DbModule } from '#db';
import { JobsModule } from '#jobs';
import { KeysModule } from '#keys';
import { WebhookClient } from '#webhooks';
import { bullConnection, MessagingModule, PERSISTENT } from '#messaging';
import {
  ContainerPool,
  DockerContainerRunner,
  DockerInventory,
  SandboxService,
  type EgressGateway,
  type IsolateHostPool,
  WORKER_LABEL,
  FLEET_LABEL,
} from '#sandbox';
import { LanguageRegistry } from '#languages';
import { EGRESS_GATEWAY, EgressLifecycle } from './egress/egress-lifecycle';
import { ISOLATE_HOSTS, IsolateHostsLifecycle } from './isolate/isolate-hosts.lifecycle';
import { CallbackDeliveryService } from './callbacks/callback-delivery.service';
import { CallbackProcessor } from './callbacks/callback.processor';
import { ConcurrencyGovernor } from './capacity/concurrency-governor';
import { ExecutionObserver } from './execution/execution-observer';
import { ExecutionProcessor } from './execution/execution.processor';
import { ExecutionService } from './execution/execution.service';
import { RunningExecutions } from './execution/running-executions';
import { HeartbeatService } from './fleet/heartbeat.service';
import { LanguageVersions } from './fleet/language-versions';
import { WorkerMetrics } from './metrics/worker-metrics';
import { WorkerMetricsService } from './metrics/worker-metrics.service';
import { RUNTIME_OVERRIDES, RuntimeCheck, runtimeOverridesFrom } from './fleet/runtime-check';
import { OrphanSweeper } from './fleet/orphan-sweeper.service';
import { QueueEntries } from './recovery/queue-entries';
import { ReconcilerService } from './recovery/reconciler.service';
import { RetentionService } from './retention/retention.service';
import { DOCKER, fleetIdOf, makeWorkerId, SANDBOX_LABELS, WORKER_ID } from './worker.tokens';

/** Extra wall time a container gets on top of the job's limit to start and unpack. */
const START_GRACE_MS = 1000;

@Module({
  imports: [
    RunqConfigModule,
    LoggerModule.forRootAsync({ inject: [RUNQ_CONFIG], useFactory: workerLoggerParams }),
    DbModule,
    JobsModule,
    KeysModule,
    MessagingModule.forRoot(PERSISTENT),
    BullModule.forRootAsync({
      inject: [RUNQ_CONFIG],
      useFactory: (config: RunqConfig) => ({ connection: bullConnection(config.redisUrl, PERSISTENT) }),
    }),
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
    {
      provide: WorkerMetrics,
      inject: [RunningExecutions, ConcurrencyGovernor],
      useFactory: (running: RunningExecutions, governor: ConcurrencyGovernor) =>
        new WorkerMetrics({ running, concurrency: () => governor.concurrency }),
    },
    { provide: ExecutionObserver, useExisting: WorkerMetrics },
    WorkerMetricsService,
    {
      provide: DockerContainerRunner,
      inject: [DOCKER, WorkerMetrics],
      useFactory: (docker: Docker, metrics: WorkerMetrics) =>
        new DockerContainerRunner(docker, { onStartFailure: (image) => metrics.containerStartFailed(image) }),
    },
    { provide: DockerInventory, inject: [DOCKER], useFactory: (docker: Docker) => new DockerInventory(docker) },
    { provide: LanguageRegistry, useFactory: () => new LanguageRegistry() },
    {
      provide: ContainerPool,
      inject: [DockerContainerRunner, RUNQ_CONFIG, SANDBOX_LABELS, WorkerMetrics],
      useFactory: (runner: DockerContainerRunner, config: RunqConfig, labels: Record<string, string>, metrics: WorkerMetrics) =>
        metrics.watchPool(new ContainerPool(runner, { ...config.pool, labels })),
    },
    EgressLifecycle,
    { provide: EGRESS_GATEWAY, inject: [EgressLifecycle], useFactory: (egress: EgressLifecycle) => egress.start() },
    {
      provide: RUNTIME_OVERRIDES,
      inject: [RUNQ_CONFIG, LanguageRegistry],
      useFactory: (config: RunqConfig, catalog: LanguageRegistry) => runtimeOverridesFrom(config, catalog),
    },
    RuntimeCheck,
    IsolateHostsLifecycle,
    { provide: ISOLATE_HOSTS, inject: [IsolateHostsLifecycle], useFactory: (hosts: IsolateHostsLifecycle) => hosts.start() },
    {
      provide: SandboxService,
      inject: [ContainerPool, RUNQ_CONFIG, RUNTIME_OVERRIDES, EGRESS_GATEWAY, ISOLATE_HOSTS],
      useFactory: (
        runner: ContainerPool,
        config: RunqConfig,
        runtimeOverrides: Record<string, string>,
        egress: EgressGateway | null,
        isolates: IsolateHostPool | null,
      ) =>
        new SandboxService(
          runner,
          {
            imagePrefix: config.worker.imagePrefix,
            runtime: config.worker.runtime,
            runtimeOverrides,
            compile: config.compile,
            startGraceMs: START_GRACE_MS,
            testParallelism: config.judging.testParallelism,
            function: { maxResultBytes: config.function.maxResultBytes, maxLogBytes: config.function.maxLogBytes },
          },
          egress,
          isolates,
        ),
    },
    RunningExecutions,
    ConcurrencyGovernor,
    ExecutionService,
    ExecutionProcessor,
    HeartbeatService,
    LanguageVersions,
    OrphanSweeper,
    QueueEntries,
    ReconcilerService,
    RetentionService,
    WebhookClient,
    CallbackDeliveryService,
    CallbackProcessor,
  ],
})
export class WorkerModule {}
