// A real OpenID provider (oidc-provider) for tests, on 127.0.0.1 only.
//
//   node tests/oidc/provider.mjs [--port N] [--client-id ID] [--client-secret S]
//                                [--redirect-uri URI] [--alg RS256|ES256]
//                                [--tls-cert PEM --tls-key PEM] [--claims-in-userinfo]
//                                [--redirect-any-port]
//
// Options fall back to OIDC_PORT, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI,
// OIDC_ALG. Port 0 (the default) takes a free one. The first line on stdout is the port, once
// the provider answers. Its issuer is http://127.0.0.1:<port>, or with a certificate
// https://localhost:<port> (still listening on 127.0.0.1 only). It exits when stdin closes or on
// SIGTERM, so a test that dies never leaves it behind. With --claims-in-userinfo, email and
// groups come only from the UserInfo endpoint, as NHS CIS2 gives them. With --redirect-any-port,
// the redirect URI is also accepted on any other port of its loopback host, for a relying party
// that learns its own port only once it runs.
//
// Signing in without a browser: GET the authorization URL (→ 303 to /interaction/<uid>), POST
// login=<account> to /interaction/<uid>/login with the cookies it set (→ 303 back to the
// authorization endpoint), GET that (→ 303 to redirect_uri?code=…&state=…). Consent is implied.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { parseArgs } from 'node:util';
import Provider from 'oidc-provider';

const { values: options } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.OIDC_PORT ?? '0' },
    'client-id': { type: 'string', default: process.env.OIDC_CLIENT_ID ?? 'caseboard' },
    'client-secret': { type: 'string', default: process.env.OIDC_CLIENT_SECRET ?? 'caseboard-test-secret' },
    'redirect-uri': {
      type: 'string',
      default: process.env.OIDC_REDIRECT_URI ?? 'http://127.0.0.1:8000/auth/oidc/callback',
    },
    alg: { type: 'string', default: process.env.OIDC_ALG ?? 'RS256' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'claims-in-userinfo': { type: 'boolean', default: false },
    'redirect-any-port': { type: 'boolean', default: false },
  },
});
if (!['RS256', 'ES256'].includes(options.alg)) {
  console.error(`provider.mjs: --alg must be RS256 or ES256, not ${options.alg}`);
  process.exit(2);
}

// login name → the account's claims. `groups` is an array, a single string, or absent.
const accounts = {
  admin: { sub: 'u-1001', email: 'admin@hospital.test', groups: ['caseboard-admins', 'caseboard-editors'] },
  nurse: { sub: 'u-1002', email: 'Nurse@Hospital.Test', groups: ['caseboard-editors', 'theatres'] },
  porter: { sub: 'u-1003', email: 'porter@hospital.test', groups: 'caseboard-viewers' },
  visitor: { sub: 'u-1004', email: 'visitor@hospital.test', groups: [] },
  unverified: { sub: 'u-1005', email: 'unverified@hospital.test', email_verified: false, groups: ['caseboard-admins'] },
  nameless: { sub: 'u-1006', groups: ['caseboard-admins'] },
};
const accountsBySub = new Map(Object.values(accounts).map((account) => [account.sub, account]));

function signingKey(type, alg, parameters) {
  const { privateKey } = generateKeyPairSync(type, parameters);
  return { ...privateKey.export({ format: 'jwk' }), kid: `${alg.toLowerCase()}-${randomBytes(4).toString('hex')}`, alg, use: 'sig' };
}

function readForm(request, limit = 4096) {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => {
      body += chunk;
      if (body.length > limit) reject(new Error('form too large'));
    });
    request.on('end', () => resolve(new URLSearchParams(body)));
    request.on('error', reject);
  });
}

function answer(response, status, text) {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(`${text}\n`);
}

async function login(provider, request, response) {
  const details = await provider.interactionDetails(request, response);
  const account = accounts[(await readForm(request)).get('login')];
  if (details.prompt.name !== 'login' || !account) {
    answer(response, 403, 'unknown account or no login pending');
    return;
  }
  await provider.interactionFinished(request, response, { login: { accountId: account.sub } },
    { mergeWithLastSubmission: false });
}

const tls = options['tls-cert'] && options['tls-key'];
const server = tls
  ? https.createServer({ cert: readFileSync(options['tls-cert']), key: readFileSync(options['tls-key']) })
  : http.createServer();
server.listen(Number(options.port), '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = tls ? `https://localhost:${port}` : `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: options['client-id'],
      client_secret: options['client-secret'],
      redirect_uris: [options['redirect-uri']],
      id_token_signed_response_alg: options.alg,
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    jwks: {
      keys: [
        signingKey('rsa', 'RS256', { modulusLength: 2048 }),
        signingKey('ec', 'ES256', { namedCurve: 'P-256' }),
      ],
    },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub', 'groups'], email: ['email', 'email_verified'], profile: ['name'] },
    // Email and groups in the ID token too (as Entra ID puts them), unless asked otherwise.
    conformIdTokenClaims: options['claims-in-userinfo'],
    features: { devInteractions: { enabled: false } },
    pkce: { methods: ['S256'], required: () => true },
    async findAccount(ctx, sub) {
      const account = accountsBySub.get(sub);
      return account && { accountId: sub, claims: async () => ({ ...account }) };
    },
    // Consent is implied: our one client gets the scopes it asks for.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId
        || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  if (options['redirect-any-port']) {
    const registered = new URL(options['redirect-uri']);
    provider.Client.prototype.redirectUriAllowed = (value) => {
      try {
        const requested = new URL(value);
        requested.port = registered.port;
        return requested.href === registered.href;
      } catch {
        return false;
      }
    };
  }
  const providerCallback = provider.callback();
  server.on('request', (request, response) => {
    const interaction = request.url.match(/^\/interaction\/[^/]+\/login$/);
    if (interaction && request.method === 'POST') {
      login(provider, request, response).catch((error) => answer(response, 400, error.message));
    } else if (request.url.startsWith('/interaction/')) {
      answer(response, 200, 'POST login=<account> to this path + /login');
    } else {
      providerCallback(request, response);
    }
  });
  console.log(port);
});

const stop = () => process.exit(0);
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
