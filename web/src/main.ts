import './styles.css';
import { App } from './app';

const root = document.getElementById('app');
const live = document.getElementById('live-status');
if (root && live) void new App(root, live).start();
