import { readFileSync } from 'node:fs';
import { Simulation } from './src/sim/engine';
import { parseScenarioJson } from './src/sim/scenario';
const sim = new Simulation(parseScenarioJson(readFileSync(process.argv[2],'utf8'))); sim.runToEnd();
const seen = new Set();
for (const m of sim.s.messages.values()) if (m.key==='o2' && m.topic==='order.events' && !seen.has(m.id)) { seen.add(m.id); console.log(m.id, m.type, 'seq', m.seq); }
console.log('parked', sim.s.analytics.parked().map(m=>m.id+' '+m.type+' '+m.seq));
for (const e of sim.trace) if ((e.kind==='deliver'||e.kind==='ack'||e.kind==='buffered'||e.kind==='absorbed') && e.to==='analytics' && sim.s.messages.get(e.msgId)?.key==='o2' && sim.s.messages.get(e.msgId)?.topic==='order.events') console.log(e.t,e.kind,e.msgId,(e as any).why??'');
