/** npm piston-client 1.0.2 ships no types: what the benchmark and the e2e suite use of it. */
declare module 'piston-client' {
  type PistonExecuteResponse = import('../apps/api/src/compat/piston/piston-response.mapper').PistonExecuteResponse;
  /** The server's JSON as the client parsed it: an execute result, or an error body (`message`). */
  export type PistonExecuteResult = PistonExecuteResponse & { message?: string };
  export type PistonRuntime = import('../apps/api/src/compat/piston/piston-runtimes').PistonRuntime;
  export interface PistonClient {
    runtimes(): Promise<PistonRuntime[]>;
    execute(language: string, code: string, config?: object): Promise<PistonExecuteResult>;
    execute(config: object): Promise<PistonExecuteResult>;
  }
  export function piston(options: { server: string }): PistonClient;
}
