import type { Question } from './schema.js';

type Ordered = Pick<Question, 'position' | 'starred' | 'votes' | 'createdAt' | 'id'>;

/**
 * The moderator's order, the one every list uses (the chair panel, the moderator's view, the public list):
 * questions the moderator placed first, by their position; then starred before not, more votes before fewer,
 * older before newer. Pure; answers a new array.
 */
export function orderQuestions<Q extends Ordered>(questions: readonly Q[]): Q[] {
  return [...questions].sort((a, b) => {
    if (a.position !== null || b.position !== null) {
      if (a.position === null) return 1;
      if (b.position === null) return -1;
      if (a.position !== b.position) return a.position - b.position;
    }
    if (a.starred !== b.starred) return a.starred ? -1 : 1;
    if (a.votes !== b.votes) return b.votes - a.votes;
    if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}
