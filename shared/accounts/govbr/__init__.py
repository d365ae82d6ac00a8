"""The "Entrar com gov.br" button: the Login Único (OpenID Connect, authorization code with PKCE
S256, nonce and state) for consumers and staff, on the platform's host and every Procon's host.

gov.br knows one redirect URI, on the platform's host, and sessions are host-only cookies, so:

1. `start` (any host) sends the browser to the platform's host with the origin (host and `next`)
   signed; there authlib keeps state, nonce and the PKCE verifier in that host's session and
   redirects to gov.br's /authorize.
2. `callback` (platform's host) checks state, exchanges the code (with the verifier and the
   client's secret), verifies the ID token (signature against gov.br's JWKS, issuer, audience,
   expiry, nonce), reads /userinfo and the trust level, and hands the verified identity to the
   origin host through a signed, 60-second, single-use ticket naming that host (`handoff`).
3. `handoff` (the origin host) redeems the ticket on its own host only, then signs the person in
   (`complete_login`): a linked CPF goes straight in, an existing account with that CPF must be
   proved once (`link`), a new CPF gets a new consumer account without a password.
"""
