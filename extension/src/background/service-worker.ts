// Service worker entry (ES module).
import { main } from './main';

main();
