// A real OpenID provider for the single sign-on browser test (oidc-provider with its built-in dev login and consent).
// Usage: node provider.mjs PORT REDIRECT_URI [REDIRECT_URI...]   Prints "ready" once it listens on 127.0.0.1:PORT.
import Provider from 'oidc-provider';

const [port, ...redirectUris] = process.argv.slice(2);
if (!port || redirectUris.length === 0) {
  console.error('usage: node provider.mjs PORT REDIRECT_URI [REDIRECT_URI...]');
  process.exit(2);
}

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: 'platform',
    client_secret: process.env.OIDC_CLIENT_SECRET ?? 'platform-e2e-secret',
    redirect_uris: redirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // Any login name is an account: "grace" signs in as grace@example.com.
  findAccount: (_ctx, id) => ({
    accountId: id,
    claims: () => ({ sub: id, email: `${id}@example.com`, email_verified: true, name: `${id} Example` }),
  }),
  cookies: { keys: ['platform-e2e-cookie-key'] },
  features: { devInteractions: { enabled: true } },
});
provider.proxy = false;

provider.listen(Number(port), '127.0.0.1', () => console.log('ready'));
