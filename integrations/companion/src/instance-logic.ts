import { LecternClient, type LinkStatus } from './lectern-client.js';
import type { ChairCommand, CommandResult, LiveView, ObsHallStatus } from './lectern-types.js';
import { variableValues, type VariableInput, type VariableValues } from './variables.js';
import { TIMED_FEEDBACKS } from './feedbacks.js';

/** The module's settings in Companion. */
export interface LecternConfig {
  url: string;
  token: string;
  hallId: string;
}

/** What the logic asks of Companion; InstanceBase provides it in main.ts, a test provides a recorder. */
export interface CompanionSeam {
  setVariableValues(values: Partial<VariableValues>): void;
  checkFeedbacks(...ids: string[]): void;
  updateStatus(status: 'ok' | 'connecting' | 'disconnected' | 'connection_failure' | 'bad_config', message?: string): void;
  log(level: 'info' | 'warn' | 'error' | 'debug', message: string): void;
}

/**
 * Everything the module does besides registering definitions with Companion: runs the Lectern client,
 * turns each view and each second into variable values and feedback checks, maps the link to an instance status.
 * Kept apart from InstanceBase (which needs a Companion host) so tests run it for real against a server.
 */
export class LecternInstanceLogic {
  private client: LecternClient | null = null;
  private ticker: NodeJS.Timeout | null = null;
  private connection: VariableInput['connection'] = 'connecting';
  private obs: ObsHallStatus | null = null;
  private timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  private lastValues: Partial<VariableValues> = {};

  constructor(private readonly host: CompanionSeam) {}

  /** Starts (or restarts with a new configuration). */
  async start(config: LecternConfig): Promise<void> {
    this.stop();
    if (!config.url || !config.token || !config.hallId) {
      this.connection = 'refused';
      this.host.updateStatus('bad_config', 'Set the Lectern URL, a token and the hall id');
      return;
    }
    this.connection = 'connecting';
    this.obs = null;
    this.client = new LecternClient(config, {
      view: () => this.refresh(true),
      status: (status) => this.onStatus(status),
      obs: (status) => {
        this.obs = status;
        this.refresh(true);
      },
      program: ({ timeZone }) => {
        this.timeZone = timeZone;
        this.refresh(false);
      },
    });
    this.ticker = setInterval(() => this.refresh(false), 1000);
    await this.client.start();
  }

  /** The current inputs of variables and feedbacks. */
  input(): VariableInput {
    return {
      view: this.client?.view ?? null,
      serverNow: this.client?.serverNow() ?? Date.now(),
      timeZone: this.timeZone,
      connection: this.connection,
      obs: this.obs,
    };
  }

  /** The last view (null before the first). */
  get view(): LiveView | null {
    return this.client?.view ?? null;
  }

  /** Sends a chair command; refused when not connected. */
  send(command: ChairCommand): Promise<CommandResult> {
    if (!this.client) return Promise.resolve({ ok: false, error: 'offline', message: 'not configured' });
    return this.client.send(command);
  }

  private onStatus(status: LinkStatus): void {
    if (status.state === 'ok') {
      this.connection = 'ok';
      this.host.updateStatus('ok', status.role === 'director' ? 'director token' : 'chair token');
      this.host.log('info', `Lectern: watching hall as ${status.role}`);
    } else if (status.state === 'connecting') {
      this.connection = 'connecting';
      this.host.updateStatus('connecting');
    } else if (status.state === 'disconnected') {
      this.connection = 'disconnected';
      this.host.updateStatus('disconnected', status.reason);
      this.host.log('warn', `Lectern link down: ${status.reason}`);
    } else {
      this.connection = 'refused';
      this.host.updateStatus('bad_config', status.reason);
      this.host.log('error', `Lectern refused the configuration: ${status.reason}`);
    }
    this.refresh(true);
  }

  /** Sends only the variables that changed; rechecks every feedback on a new view, the clock ones each second. */
  private refresh(all: boolean): void {
    const values = variableValues(this.input());
    const changed: Partial<VariableValues> = {};
    for (const [id, value] of Object.entries(values) as [keyof VariableValues, string][]) {
      if (this.lastValues[id] !== value) changed[id] = value;
    }
    this.lastValues = values;
    if (Object.keys(changed).length > 0) this.host.setVariableValues(changed);
    if (all) this.host.checkFeedbacks();
    else this.host.checkFeedbacks(...TIMED_FEEDBACKS);
  }

  /** Closes the link and the ticker. */
  stop(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    this.client?.stop();
    this.client = null;
  }
}
