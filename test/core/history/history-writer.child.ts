/** Records runs in a loop and prints the count after each one, until it is killed. */
import { HistoryRepository } from '../../../main/core/history/history-repository.ts';
import { aRun } from './history-fixtures.ts';

const history = HistoryRepository.open(process.argv[2]!);
const response = JSON.stringify({
  data: { items: Array.from({ length: 200 }, (_, i) => ({ id: i })) },
});
for (let count = 1; ; count++) {
  history.record(aRun({ response, time: Date.now() }));
  process.stdout.write(`${count}\n`);
  if (count % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
}
