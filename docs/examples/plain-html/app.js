// The token comes from your own sign-in; the SDK keeps it in memory and asks again for every
// request, so a refreshed token is picked up without a reload.
function currentAccessToken() {
  return 'demo-okafor'; // ← your auth layer, e.g. return auth.session.accessToken;
}

const clinic = document.querySelector('vc-clinic');
if (!clinic) throw new Error('This page has no <vc-clinic>.');
clinic.getToken = currentAccessToken;

// Public events bubble out of the tags: log, audit or alert in your own way.
clinic.addEventListener('vc-request-accepted', (event) => {
  console.info('Accepted request', event.detail.requestId, '→ session', event.detail.sessionId);
});
