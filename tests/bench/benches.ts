import type { Bench } from './bench.js';
import { displayPagesBench } from './display-pages.bench.js';

/** Every benchmark `npm run bench` runs, in order. Add a module here to add a section to docs/benchmarks.md. */
export const benches: Bench[] = [displayPagesBench];
