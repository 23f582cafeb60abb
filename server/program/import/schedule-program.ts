import { WebUrlSchema, type InputProblem } from '../../../shared/index.js';
import type { DraftHall, DraftItem, DraftProgram } from './draft.js';
import type { Problems } from './problems.js';
import { draftFromEvent, offsetWarning, type ScheduleEvent } from './schedule-event.js';

/**
 * The program of a frab schedule.xml or a pretalx schedule.json, collected event by event: both readers walk
 * their own shape (days, rooms, events) and hand each event here, so what an event becomes is written once.
 */
export class ScheduleProgram {
  readonly halls: DraftHall[] = [];
  readonly items: DraftItem[] = [];
  private offsetChecked = false;

  constructor(
    private readonly zone: string,
    private readonly problems: Problems,
    private readonly warnings: InputProblem[],
  ) {}

  /**
   * The event at `path`, in the room `hallKey`, on a day with `date` (YYYY-MM-DD) and `dayStart` (epoch ms) when
   * the file gives them: a draft item, or problems naming the path. The first event with a UTC offset is
   * checked against the program's zone once (a warning when they differ).
   */
  addEvent(event: ScheduleEvent, day: { date?: string | undefined; start?: number | undefined }, hallKey: string, path: string) {
    const item = draftFromEvent(
      event,
      { ...(day.date ? { date: day.date } : {}), ...(day.start !== undefined ? { start: day.start } : {}) },
      hallKey,
      this.zone,
      path,
      this.problems,
      this.warnings,
    );
    if (!item) return;
    this.items.push(item);
    if (!this.offsetChecked && event.date) {
      this.offsetChecked = true;
      const warning = offsetWarning(event.date, this.zone, `${path}.date`);
      if (warning) this.warnings.push(warning);
    }
  }

  /** The draft: the halls that have events (all listed ones when none has), the event's title and web address. */
  draft(title: string | undefined, url: string | undefined): DraftProgram {
    const used = this.halls.filter((hall) => this.items.some((item) => item.hallKey === hall.name));
    return {
      event: { ...(title ? { title } : {}), ...(url && WebUrlSchema.safeParse(url).success ? { url } : {}) },
      halls: used.length > 0 ? used : this.halls,
      items: this.items,
    };
  }
}
