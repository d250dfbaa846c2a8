import { createRoot } from 'react-dom/client';
import { ProviderScreen } from './ProviderScreen.js';
import '../theme.css';

// The token comes from your own sign-in (here the demo's, from the page's address).
const token = new URLSearchParams(location.search).get('token');
createRoot(document.getElementById('root')!).render(<ProviderScreen getToken={() => token} />);
