import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { getMetadataStorage } from 'class-validator';
import { IS_ADMIN_ONLY } from '../../auth/admin-only.decorator';
import { IS_PUBLIC } from '../../auth/public.decorator';
import { IS_POLL_ROUTE } from '../../limits/poll-route.decorator';

/** One HTTP route as the code declares it (decorators), to hold the OpenAPI document against. */
export interface ApiRoute {
  /** `GET /jobs/{id}`: method and path as OpenAPI writes them. */
  route: string;
  controller: Type;
  public: boolean;
  adminOnly: boolean;
  /** Not charged to the key's request rate (@PollRoute()): documents no 429. */
  poll: boolean;
  /** The controller is left out of the document on purpose (@ApiExcludeController: pages, dashboard JSON). */
  excluded: boolean;
  /** Query parameters the route accepts: the properties of its @Query() DTO, or the names of its @Query('name') arguments. */
  query: string[];
  hasBody: boolean;
}

const EXCLUDE_CONTROLLER = 'swagger/apiExcludeController';

/** Every controller of a module and, recursively, of the modules it imports. */
export function controllersOf(module: unknown, seen = new Set<unknown>()): Type[] {
  if (typeof module !== 'function' || seen.has(module)) return [];
  seen.add(module);
  const own = (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, module) ?? []) as Type[];
  const imports = (Reflect.getMetadata(MODULE_METADATA.IMPORTS, module) ?? []) as unknown[];
  return [...own, ...imports.flatMap((imported) => controllersOf(imported, seen))];
}

const joinPath = (...parts: string[]) =>
  '/' +
  parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .map((segment) => segment.replace(/^:(.+)$/, '{$1}'))
    .join('/');

function queryOf(controller: Type, method: string): string[] {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { index: number; data?: unknown }>;
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? []) as Type[];
  return Object.entries(args)
    .filter(([key]) => Number(key.split(':')[0]) === RouteParamtypes.QUERY)
    .flatMap(([, arg]) =>
      typeof arg.data === 'string'
        ? [arg.data]
        : getMetadataStorage()
            .getTargetValidationMetadatas(types[arg.index], '', true, false)
            .map((m) => m.propertyName),
    )
    .filter((name, i, all) => all.indexOf(name) === i);
}

function hasBody(controller: Type, method: string): boolean {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, unknown>;
  return Object.keys(args).some((key) => Number(key.split(':')[0]) === RouteParamtypes.BODY);
}

/** The routes of these controllers, read from their decorators as Nest's router and the API key guard read them. */
export function apiRoutes(controllers: Type[]): ApiRoute[] {
  return controllers.flatMap((controller) => {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const excluded = (Reflect.getMetadata(EXCLUDE_CONTROLLER, controller) as boolean[] | undefined)?.[0] === true;
    return Object.getOwnPropertyNames(controller.prototype).flatMap((name) => {
      const handler = controller.prototype[name] as unknown;
      if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) return [];
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const flag = (key: string) => Boolean(Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller));
      return [
        {
          route: `${method} ${joinPath(base, String(Reflect.getMetadata(PATH_METADATA, handler)))}`,
          controller,
          public: flag(IS_PUBLIC),
          adminOnly: flag(IS_ADMIN_ONLY),
          poll: flag(IS_POLL_ROUTE),
          excluded,
          query: queryOf(controller, name),
          hasBody: hasBody(controller, name),
        },
      ];
    });
  });
}
