import type { LecternServer } from '../../shared/index.js';
import { DIRECTORS_ROOM } from '../broadcast/broadcaster.js';
import type { QuestionsService } from './questions.service.js';

/** The room of the sockets that follow a hall's questions (`questions:watch`: its moderators and chair). */
export function questionsRoom(hallId: string): string {
  return `questions:${hallId}`;
}

/**
 * Sends every question change as `questions:changed` to the hall's question room and the directors, in one emit
 * (a director that also watches gets it once). Through the socket.io adapter, so every worker's sockets hear it.
 */
export function broadcastQuestionChanges(io: LecternServer, questions: QuestionsService): void {
  questions.onChange((change) => io.to([questionsRoom(change.hallId), DIRECTORS_ROOM]).emit('questions:changed', change));
}
