/** Mounts the editor components alone on a page, for the e2e test of the editor parts. */
import { mount } from 'svelte';
import Harness from './Harness.svelte';

mount(Harness, { target: document.getElementById('app') as HTMLElement });
