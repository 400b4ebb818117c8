/** npm piston-client 1.0.2 ships no types: what the benchmark and the e2e suite use of it. */
declare module 'piston-client' {
  export interface PistonStageResult {
    stdout: string;
    stderr: string;
    output: string;
    code: number | null;
    signal: string | null;
    message: string | null;
    status: string | null;
    cpu_time: number | null;
    wall_time: number | null;
    memory: number | null;
  }
  /** The server's JSON as parsed: an execute result, or an error body (`message`), or the client's own `{success: false}`. */
  export interface PistonExecuteResult {
    language: string;
    version: string;
    run: PistonStageResult;
    compile?: PistonStageResult;
    message?: string;
  }
  export interface PistonRuntime {
    language: string;
    version: string;
    aliases: string[];
    runtime?: string;
  }
  export interface PistonClient {
    runtimes(): Promise<PistonRuntime[]>;
    execute(language: string, code: string, config?: object): Promise<PistonExecuteResult>;
    execute(config: object): Promise<PistonExecuteResult>;
  }
  export function piston(options: { server: string }): PistonClient;
}
