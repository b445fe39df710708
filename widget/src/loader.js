// Script-tag entry (classic script, async): the loader. The survey runtime and the
// core are fetched from beside this file when a survey may show.
import { boot } from './loader/boot.js';

boot();
