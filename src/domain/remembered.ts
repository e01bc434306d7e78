/**
 * `compute` with its answers remembered for up to `max` distinct arguments, all forgotten at once
 * when full (the working set refills at once, and nothing is spent on recency). For pure functions
 * whose arguments repeat: words, dates, ids. An argument longer than `maxKeyLength` is computed
 * each time and never kept, so input from outside cannot fill memory through it. `compute` must
 * never answer `undefined`.
 */
export function remembered<R>(compute: (key: string) => R, max: number, maxKeyLength = Number.POSITIVE_INFINITY): (key: string) => R {
  const answers = new Map<string, R>();
  return (key) => {
    if (key.length > maxKeyLength) return compute(key);
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = compute(key);
      if (answers.size >= max) answers.clear();
      answers.set(key, answer);
    }
    return answer;
  };
}
