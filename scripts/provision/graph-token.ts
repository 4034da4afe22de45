/**
 * The Microsoft Graph token: MS_GRAPH_TOKEN when set (a token you obtained yourself), otherwise
 * @azure/identity's DefaultAzureCredential, which tries environment variables (a service
 * principal), a managed identity, then the Azure CLI's sign-in (`az login`), for the scope
 * https://graph.microsoft.com/.default
 * (https://learn.microsoft.com/javascript/api/@azure/identity/defaultazurecredential).
 */
import { ProvisionError } from './errors.ts';
import { GRAPH_SCOPE, type TokenSource } from './graph-client.ts';
import type { Secrets } from './redact.ts';

export function graphTokenSource(env: NodeJS.ProcessEnv, secrets: Secrets): TokenSource {
  const fixed = env['MS_GRAPH_TOKEN']?.trim();
  if (fixed) {
    secrets.add(fixed);
    return () => Promise.resolve(fixed);
  }
  let cached: { token: string; expiresOn: number } | undefined;
  return async () => {
    if (cached && cached.expiresOn - Date.now() > 60_000) return cached.token;
    const { DefaultAzureCredential } = await import('@azure/identity');
    const tenantId = env['AZURE_TENANT_ID']?.trim();
    try {
      const credential = new DefaultAzureCredential(tenantId ? { tenantId } : {});
      const token = await credential.getToken(GRAPH_SCOPE);
      secrets.add(token.token);
      cached = { token: token.token, expiresOn: token.expiresOnTimestamp };
      return token.token;
    } catch (error) {
      throw new ProvisionError(
        `No Microsoft Graph token: MS_GRAPH_TOKEN is not set and @azure/identity found no credential (${(error as Error).message.split('\n')[0]}). Sign in with the Azure CLI (az login --tenant <your-tenant>), or set MS_GRAPH_TOKEN to a Graph token with the permissions the guide lists, then run the command again.`,
      );
    }
  };
}
