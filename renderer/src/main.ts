import { mount } from 'svelte';
import App from './App.svelte';
import { connectApi } from './lib/api/connect.ts';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
// The static shell index.html paints while this script loads gives way to the app.
target.replaceChildren();
mount(App, { target, props: { api: connectApi() } });
