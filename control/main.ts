import '@fontsource/noto-sans-jp/400.css';
import '@fontsource/noto-sans-jp/700.css';
import './styles.css';
// Shared classes of the control pages (each sheet says what it gives); components add their own after them.
import '../web/styles/panel-box.css';
import '../web/styles/sheet-buttons.css';
import '../web/styles/offline-banner.css';
import '../web/styles/rehearsal-tag.css';
import '../web/styles/small-button.css';
import { createApp } from 'vue';
import { withConsoleTexts } from '../web/i18n/console.js';
import { createLecternI18n } from '../web/i18n/index.js';
import App from './App.vue';

// One i18n for the app: its pages pick the language (?lang=, else the event's) with usePageLang.
createApp(App).use(withConsoleTexts(createLecternI18n())).mount('#app');
