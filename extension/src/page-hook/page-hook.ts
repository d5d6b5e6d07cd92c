// MAIN-world entry (document_start): copies the page's WebSocket text frames to the isolated
// content script through window.postMessage. No chrome.* API is available here.
import { installSocketTap } from './socket-tap';

installSocketTap(window, (message) => {
  const origin = window.location.origin;
  window.postMessage(message, origin === 'null' ? '*' : origin);
});
