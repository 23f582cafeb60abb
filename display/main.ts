import '@fontsource/noto-sans-jp/400.css';
import '@fontsource/noto-sans-jp/700.css';
import './theme/theme.css';
// Classes the screens share (each sheet says which); components give the sizes.
import '../web/styles/screen-type.css';
import '../web/styles/overlay-panel.css';
import { createApp } from 'vue';
import { createLecternI18n } from '../web/i18n/index.js';
import App from './App.vue';

// One i18n for the app: its pages pick the language (?lang=, else the event's) with usePageLang.
createApp(App).use(createLecternI18n()).mount('#app');
