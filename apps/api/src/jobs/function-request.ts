import { DomainError } from '#contracts';
import type { RunqConfig } from '#config';
import { FUNCTION_LANGUAGES, type FunctionCall, type NetworkRequest } from '#contracts';
import { formatPattern, parseHostPattern, patternWithin, type HostPattern } from '#netpolicy';
import type { CreateJobDto } from './dto/create-job.dto';
import { buildIsolation } from './isolation-request';

export interface FunctionFields {
  functionCall: FunctionCall | null;
  network: NetworkRequest | null;
}

const PYTHON_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Checks the function-mode part of a request: the language, the function name, the size and
 * depth of inputs (given as function.inputs or, for the expression form, top-level inputs),
 * and network.allow within the server's egress policy.
 */
export function buildFunction(dto: CreateJobDto, languageId: string, config: RunqConfig): FunctionFields {
  const topLevelInputs = dto.inputs !== undefined;
  if (!dto.function && !topLevelInputs) {
    if (dto.network) throw DomainError.invalid('network needs function mode (send function or inputs)', 'network');
    if (dto.isolation) throw DomainError.invalid('isolation needs function mode (send function or inputs)', 'isolation');
    return { functionCall: null, network: null };
  }
  const field = dto.function ? 'function' : 'inputs';
  if (!(FUNCTION_LANGUAGES as readonly string[]).includes(languageId)) {
    throw DomainError.invalid(`${field}: function mode is available for ${FUNCTION_LANGUAGES.join(', ')}, not ${languageId}`, field);
  }
  if (topLevelInputs && dto.function?.inputs !== undefined)
    throw DomainError.invalid('send either inputs or function.inputs, not both', 'inputs');
  if (dto.tests) throw DomainError.invalid(`${field}: function mode cannot be combined with tests`, field);
  if (dto.expectedOutput !== undefined) throw DomainError.invalid(`${field}: function mode cannot be combined with expectedOutput`, field);
  const name = dto.function?.name ?? null;
  if (name !== null && languageId.startsWith('python') && !PYTHON_IDENTIFIER.test(name)) {
    throw DomainError.invalid('function.name must be a Python identifier (letters, digits and _)', 'function.name');
  }
  const inputsField = topLevelInputs ? 'inputs' : 'function.inputs';
  const inputs = topLevelInputs ? dto.inputs : dto.function?.inputs;
  checkInputs(inputs, inputsField, config.function);
  const isolation = buildIsolation(dto, languageId, config);
  return { functionCall: { name, inputs: inputs ?? null, ...(isolation ? { isolation } : {}) }, network: buildNetwork(dto, config) };
}

function checkInputs(inputs: unknown, field: string, limits: RunqConfig['function']): void {
  if (inputs === undefined) return;
  const depth = jsonDepth(inputs, limits.maxInputsDepth);
  if (depth > limits.maxInputsDepth) throw DomainError.invalid(`${field} is nested more than ${limits.maxInputsDepth} levels deep`, field);
  const bytes = Buffer.byteLength(JSON.stringify(inputs));
  if (bytes > limits.maxInputsBytes)
    throw DomainError.invalid(`${field} must be at most ${limits.maxInputsBytes} bytes of JSON (it is ${bytes})`, field);
}

/** Depth of a parsed JSON value, counted without recursion and stopping once past `stopAfter`. */
export function jsonDepth(value: unknown, stopAfter: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    const level = depth + 1;
    if (level > max) max = level;
    if (max > stopAfter) return max;
    for (const child of Object.values(item as object)) stack.push([child, level]);
  }
  return max;
}

function buildNetwork(dto: CreateJobDto, config: RunqConfig): NetworkRequest | null {
  if (!dto.network) return null;
  if (!config.egress.allow.length) {
    throw DomainError.invalid('network: outbound HTTP is off on this server (RUNQ_EGRESS_ALLOW is empty)', 'network');
  }
  const policy = config.egress.allow.map((entry) => parseHostPattern(entry) as HostPattern);
  const allow = dto.network.allow.map((entry, i) => {
    const pattern = parseHostPattern(entry);
    if (typeof pattern === 'string') throw DomainError.invalid(`network.allow[${i}]: ${pattern}`, `network.allow[${i}]`);
    if (!policy.some((outer) => patternWithin(pattern, outer))) {
      throw DomainError.invalid(
        `network.allow[${i}] "${entry}" is outside this server's egress policy (${policy.map(formatPattern).join(', ')})`,
        `network.allow[${i}]`,
      );
    }
    return formatPattern(pattern);
  });
  return { allow };
}
