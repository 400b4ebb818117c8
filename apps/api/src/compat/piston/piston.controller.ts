import { Body, Controller, Delete, Get, HttpCode, NotImplementedException, Post, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CurrentCaller, type Caller } from '../../auth/caller';
import { ApiPiston, ApiPistonExecute, ApiPistonPackages, ApiPistonRuntimes } from './piston.api-docs';
import { PISTON_PREFIX } from './piston-body';
import { PistonExceptionFilter } from './piston-exception.filter';
import type { PistonExecuteResponse } from './piston-response.mapper';
import type { PistonRuntime } from './piston-runtimes';
import { PistonService, type PistonPackage } from './piston.service';

/** Piston v2 (the API piston-client speaks) at /piston; checks and errors in Piston's terms. */
@ApiPiston()
@UseFilters(PistonExceptionFilter)
@Controller(`${PISTON_PREFIX}/api/v2`)
export class PistonController {
  constructor(private readonly piston: PistonService) {}

  @Get('runtimes')
  @ApiPistonRuntimes()
  runtimes(): PistonRuntime[] {
    return this.piston.runtimes();
  }

  @Get('packages')
  @ApiPistonPackages()
  packages(): PistonPackage[] {
    return this.piston.packages();
  }

  @Post('execute')
  @HttpCode(200)
  @ApiPistonExecute()
  execute(@Body() body: unknown, @CurrentCaller() caller: Caller): Promise<PistonExecuteResponse> {
    return this.piston.execute(body, caller);
  }
}

/**
 * Piston's package manager (install, uninstall): runq's languages are its images, installed
 * by the operator. Answered in Piston's format rather than left to 404; not part of the API document.
 */
@ApiExcludeController()
@UseFilters(PistonExceptionFilter)
@Controller(`${PISTON_PREFIX}/api/v2/packages`)
export class PistonPackageManagerController {
  @Post()
  install(): never {
    throw refusal();
  }

  @Delete()
  uninstall(): never {
    throw refusal();
  }
}

const refusal = () =>
  new NotImplementedException("packages cannot be installed or removed here: runq's languages are its images, installed by the operator");
