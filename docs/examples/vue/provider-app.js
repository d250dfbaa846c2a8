import { createApp, ref } from 'vue';
import '@virtual-clinic/sdk/define'; // registers the <vc-*> tags

/**
 * A provider's screen in a Vue app: the dashboard, and the last session they accepted.
 * @param {{ getToken: () => string | null }} options
 */
export function createProviderApp({ getToken }) {
  const app = createApp({
    setup() {
      const lastSession = ref(/** @type {string | null} */ (null));
      /** @param {import('@virtual-clinic/sdk').VcEvent<'vc-request-accepted'>} event */
      const onAccepted = (event) => (lastSession.value = event.detail.sessionId);
      return { getToken, lastSession, onAccepted };
    },
    template: `
      <vc-clinic base-url="/api" :getToken.prop="getToken">
        <vc-provider-dashboard @vc-request-accepted="onAccepted"></vc-provider-dashboard>
        <p v-if="lastSession" role="status">Session {{ lastSession }} is ready.</p>
      </vc-clinic>
    `,
  });
  // Our tags are custom elements, not Vue components: tell Vue's template compiler.
  app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('vc-');
  return app;
}
