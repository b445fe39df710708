// Script-tag entry (classic script, async): the loader. The UI chunk and the
// core are fetched from beside this file when a survey may show.
import { boot } from './boot.js';

boot();
