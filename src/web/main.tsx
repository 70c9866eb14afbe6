import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerModuleStrings } from './i18n';
import { App } from './app/app';
import { keepClearButtonsOutOfTabOrder } from './app/clear-buttons';
import { MODULE_BUNDLES } from './app/modules';

registerModuleStrings(MODULE_BUNDLES);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
keepClearButtonsOutOfTabOrder(document.body);
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
