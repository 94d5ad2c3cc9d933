/**
 * Records `count` runs named after `tag` in one tick, then leaves as told: `exit` calls
 * process.exit, `throw` dies of an uncaught error, `close` closes history first.
 */
import { HistoryRepository } from '../../../main/core/history/history-repository.ts';
import { aRun } from './history-fixtures.ts';

const [dir, tag, count, ending] = process.argv.slice(2) as [string, string, string, string];
const history = HistoryRepository.open(dir);
for (let i = 0; i < Number(count); i++) {
  history.record(aRun({ operationName: `${tag}${i}`, query: `query ${tag}${i} { ${tag} }` }));
}
if (ending === 'exit') process.exit(0);
if (ending === 'throw') throw new Error('crashed right after recording');
history.close();
