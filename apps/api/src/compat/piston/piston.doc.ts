import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PistonPackage } from './piston.service';
import type { PistonExecuteResponse, PistonStage } from './piston-response.mapper';
import type { PistonRuntime } from './piston-runtimes';

const nullableInt = { type: 'integer', nullable: true } as const;

export class PistonErrorDoc {
  @ApiProperty({ example: 'python-9.x runtime is unknown' }) message!: string;
}

export class PistonRuntimeDoc implements PistonRuntime {
  @ApiProperty({ example: 'python' }) language!: string;
  @ApiProperty({ example: '3.13.5', description: 'semver x.y.z of the installed toolchain' }) version!: string;
  @ApiProperty({ type: [String], example: ['py', 'py3', 'python3'] }) aliases!: string[];
  @ApiPropertyOptional({ example: 'gcc', description: 'The toolchain package, for languages that share one' }) runtime?: string;
}

export class PistonPackageDoc implements PistonPackage {
  @ApiProperty({ example: 'python' }) language!: string;
  @ApiProperty({ example: '3.13.5' }) language_version!: string;
  @ApiProperty({ example: true }) installed!: boolean;
}

export class PistonFileDoc {
  @ApiPropertyOptional({ example: 'main.py', description: "Default: the language's file name for the first file, file<i>.code after" })
  name?: string;
  @ApiProperty({ example: 'print(input())' }) content!: string;
  @ApiPropertyOptional({ enum: ['utf8', 'base64', 'hex'], default: 'utf8' }) encoding?: string;
}

export class PistonExecuteDoc {
  @ApiProperty({ example: 'python', description: 'Name or alias (GET /piston/api/v2/runtimes)' }) language!: string;
  @ApiProperty({ example: '3.x', description: 'semver selector: exact, range (`3.x`) or `*`' }) version!: string;
  @ApiProperty({ type: [PistonFileDoc], description: 'The first file is run' }) files!: PistonFileDoc[];
  @ApiPropertyOptional({ example: 'hello', description: 'A trailing newline is added when missing' }) stdin?: string;
  @ApiPropertyOptional({ type: [String], example: ['1', '2', '3'] }) args?: string[];
  @ApiPropertyOptional({ example: 3000, description: 'Wall ms of the run; -1 = default' }) run_timeout?: number;
  @ApiPropertyOptional({ example: 3000, description: 'CPU ms of the run; -1 = default' }) run_cpu_time?: number;
  @ApiPropertyOptional({ example: -1, description: 'Bytes (rounded up to MiB, at least 16 MiB); -1 = default' }) run_memory_limit?: number;
  @ApiPropertyOptional({ example: 10000, description: "Checked against the server's compile limit, which applies" })
  compile_timeout?: number;
  @ApiPropertyOptional({ example: 10000, description: "Checked against the server's compile limit, which applies" })
  compile_cpu_time?: number;
  @ApiPropertyOptional({ example: -1, description: "Checked against the server's compile memory, which applies" })
  compile_memory_limit?: number;
}

export class PistonStageDoc implements PistonStage {
  @ApiProperty() stdout!: string;
  @ApiProperty() stderr!: string;
  @ApiProperty({ description: 'stdout then stderr (see README, "Coming from Piston")' }) output!: string;
  @ApiProperty(nullableInt) code!: number | null;
  @ApiProperty({ type: 'string', nullable: true, example: null }) signal!: string | null;
  @ApiProperty({ type: 'string', nullable: true, example: null }) message!: string | null;
  @ApiProperty({ type: 'string', nullable: true, enum: ['RE', 'SG', 'TO', 'OL', 'EL', 'XX'] }) status!: PistonStage['status'];
  @ApiProperty({ ...nullableInt, description: 'ms' }) cpu_time!: number | null;
  @ApiProperty({ ...nullableInt, description: 'ms' }) wall_time!: number | null;
  @ApiProperty({ ...nullableInt, description: 'bytes (peak)' }) memory!: number | null;
}

export class PistonExecuteResultDoc implements PistonExecuteResponse {
  @ApiProperty({ example: 'python' }) language!: string;
  @ApiProperty({ example: '3.13.5' }) version!: string;
  @ApiProperty({ type: PistonStageDoc }) run!: PistonStageDoc;
  @ApiPropertyOptional({ type: PistonStageDoc, description: 'Compiled runtimes only' }) compile?: PistonStageDoc;
}
