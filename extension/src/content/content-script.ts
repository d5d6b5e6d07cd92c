// Isolated-world entry (document_start).
import { startContentScript } from './content-main';

startContentScript(window);
