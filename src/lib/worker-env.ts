/** The Worker's environment (vars and secrets), read lazily so the module loads outside workerd too. */
export async function workerEnv(): Promise<Record<string, unknown>> {
  const { env } = await import('cloudflare:workers');
  return env as unknown as Record<string, unknown>;
}
