/** The Worker's environment (vars and secrets), read lazily so the module loads outside workerd too. */
export async function workerEnv(): Promise<Env> {
  const { env } = await import('cloudflare:workers');
  return env;
}
