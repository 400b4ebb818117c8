/** Runs `task` now and then `everyMs` after each run ends (runs never overlap); returns a stop function. */
export function poll(task: () => Promise<void>, everyMs: number): () => void {
  let stopped = false;
  let timer: number | undefined;
  const run = async () => {
    try {
      await task();
    } finally {
      if (!stopped) timer = window.setTimeout(run, everyMs);
    }
  };
  void run();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
  };
}
