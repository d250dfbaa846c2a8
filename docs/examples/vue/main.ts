import { createApp } from 'vue';
import ProviderScreen from './ProviderScreen.vue';
import '../theme.css';

// The token comes from your own sign-in (here the demo's, from the page's address).
const token = new URLSearchParams(location.search).get('token');
createApp(ProviderScreen, { getToken: () => token }).mount('#app');
