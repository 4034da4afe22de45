/**
 * `npm run provision -- plan|apply|destroy --domain <your-domain>`: sets up the demo's Entra ID
 * and Cloudflare Access objects in the reader's own tenant and account, idempotently (the guide:
 * content/guides/provision.mdx). The work is in scripts/provision/.
 */
import { main } from './provision/main.ts';

process.exitCode = await main({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  interactive: process.stdin.isTTY === true,
});
