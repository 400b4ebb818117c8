/**
 * A Piston user's wait: sequential Python hello executes through /piston with npm
 * piston-client (the key in the server URL's userinfo), each checked.
 */
export async function pistonHello(server: string, calls: number): Promise<number[]> {
  const { piston } = await import('piston-client');
  const client = piston({ server });
  await client.runtimes(); // cached by the client, as in a real program
  const latencies: number[] = [];
  for (let i = 0; i < calls; i++) {
    const started = performance.now();
    const result = await client.execute('python', 'print("hello")');
    if (result.run?.stdout !== 'hello\n') throw new Error(`piston execute: ${JSON.stringify(result).slice(0, 300)}`);
    latencies.push(performance.now() - started);
  }
  return latencies;
}

/** The server URL piston-client takes, with the key as Basic credentials (the password; any user name). */
export function pistonServer(url: string, key: string, user = 'runq'): string {
  const server = new URL('/piston', url);
  server.username = user;
  server.password = key;
  return server.toString();
}
