// Only what the apps and scripts use; everything else is the library's own.
export { FLEET_LABEL, WORKER_LABEL } from './docker/container-spec';
export { DockerContainerRunner } from './docker/container-runner';
export { DockerInventory, VERSION_LABEL_PREFIX } from './docker/docker-inventory';
export { ContainerPool, type PoolStats } from './pool/container-pool';
export { EgressProxy, type EgressGateway } from './egress/egress-proxy';
export type { ExecutionFile, ExecutionOutcome, ExecutionRequest, ExecutionTestCase } from './execution/execution.types';
export { checkRuntimesAvailable, resolveRuntimeOverrides, RuntimeSelectionError } from './execution/runtime-selection';
export { SandboxService } from './sandbox.service';
export { IsolateHostPool, type IsolateHostStats } from './isolate/isolate-host-pool';
