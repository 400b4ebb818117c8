/** npm piston-client 1.0.2 ships no types: what the e2e suite uses of it. */
declare module 'piston-client' {
  export interface PistonClient {
    runtimes(): Promise<any>;
    execute(language: string, code: string, config?: object): Promise<any>;
    execute(config: object): Promise<any>;
  }
  export function piston(options: { server: string }): PistonClient;
}
