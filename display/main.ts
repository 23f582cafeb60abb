import '@fontsource/noto-sans-jp/400.css';
import '@fontsource/noto-sans-jp/700.css';
import './theme/theme.css';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
