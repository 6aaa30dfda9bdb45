import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { initI18n } from './i18n';
import './styles.css';

initI18n();
const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(<App />);
