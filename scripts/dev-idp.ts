import { IDP_PEOPLE, startIdentityProvider } from '../test/helpers/identity-provider.ts'

/**
 * `npm run dev:idp`: the tests' local OpenID Provider on a fixed port, so that anyone can try
 * AUTH=oidc on one machine. Not for production: any login name and password sign in.
 */
const port = Number(process.env.IDP_PORT ?? 4000)
const apps = (process.env.IDP_APP_URLS ?? 'http://127.0.0.1:3000,http://localhost:3000,http://localhost:5173')
  .split(',')
  .map((url) => url.trim().replace(/\/+$/, ''))
  .filter(Boolean)

const idp = await startIdentityProvider({ port, redirectUris: apps.map((url) => `${url}/auth/callback`) })
const env = Object.entries(idp.env)
  .map(([key, value]) => `${key}=${value}`)
  .join(' ')
process.stdout.write(
  [
    `A local OpenID Provider for trying sign-in is at ${idp.issuer} (for development only).`,
    '',
    'Start Kokeileva against it, for example:',
    `  ${env} npm start`,
    '',
    'Sign in with any login name and password; these have groups:',
    ...Object.entries(IDP_PEOPLE).map(([login, p]) => `  ${login.padEnd(6)} ${p.name} — ${p.groups.join(', ')}`),
    '',
    `Callback addresses allowed: ${apps.map((url) => `${url}/auth/callback`).join(', ')} (IDP_APP_URLS)`,
    '',
  ].join('\n'),
)
const stop = () => void idp.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
