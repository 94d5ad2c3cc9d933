/** Records runs in bursts and prints the count once each burst is committed, until it is killed. */
import { HistoryRepository } from '../../../main/core/history/history-repository.ts';
import { aRun } from './history-fixtures.ts';

const history = HistoryRepository.open(process.argv[2]!);
const response = JSON.stringify({
  data: { items: Array.from({ length: 200 }, (_, i) => ({ id: i })) },
});
for (let count = 1; ; count++) {
  history.record(aRun({ response, time: Date.now() }));
  if (count % 50 === 0) {
    history.flush();
    process.stdout.write(`${count}\n`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
