// Build time (web/build.mjs): what the page's first-draw rehearsal draws
// (web/src/rehearsal.mjs), computed by the core itself over the workers' synthetic
// warm-up export, so it always has the shape of the core's answers: the session's
// info, the report a first render asks for, and the statistics the segments panel
// shows with it. Nothing of it is ever shown to a user.
import { openSession, stats } from '../js/index.mjs';
import { warmupCsv } from './src/warmup.mjs';
import { toQuery, state } from './src/state.mjs';
import { derivedCalls } from './src/view.mjs';

export const REHEARSAL_SEGMENT = 'Country'; // a segment column of warmupCsv

export async function rehearsalData(rows = 2000) {
  const session = await openSession([{ name: 'rehearsal.csv', data: warmupCsv(rows) }]);
  try {
    const s = { ...state, seg: REHEARSAL_SEGMENT, where: [] };
    const report = await session.report(toQuery(s));
    const calls = derivedCalls(report, s);
    const answers = {};
    for (const [key, call] of Object.entries(calls)) answers[key] = call ? { result: await stats(call.query) } : null;
    return { info: session.info(), report, answers, segment: REHEARSAL_SEGMENT };
  } finally {
    session.close();
  }
}
