import {
  InstanceBase,
  InstanceStatus,
  runEntrypoint,
  type CompanionStaticUpgradeScript,
  type SomeCompanionConfigField,
} from '@companion-module/base';
import { actionDefinitions } from './actions.js';
import { feedbackDefinitions } from './feedbacks.js';
import { LecternInstanceLogic, type CompanionSeam, type LecternConfig } from './instance-logic.js';
import { presetDefinitions } from './presets.js';
import { VARIABLES } from './variables.js';

const STATUS: Record<Parameters<CompanionSeam['updateStatus']>[0], InstanceStatus> = {
  ok: InstanceStatus.Ok,
  connecting: InstanceStatus.Connecting,
  disconnected: InstanceStatus.Disconnected,
  connection_failure: InstanceStatus.ConnectionFailure,
  bad_config: InstanceStatus.BadConfig,
};

/** The Companion instance: registers definitions and hands everything else to LecternInstanceLogic. */
class LecternInstance extends InstanceBase<LecternConfig> {
  private readonly logic = new LecternInstanceLogic({
    setVariableValues: (values) => this.setVariableValues(values),
    checkFeedbacks: (...ids) => this.checkFeedbacks(...ids),
    updateStatus: (status, message) => this.updateStatus(STATUS[status], message ?? null),
    log: (level, message) => this.log(level, message),
  });

  override async init(config: LecternConfig): Promise<void> {
    this.setVariableDefinitions(VARIABLES.map((v) => ({ variableId: v.variableId, name: v.name })));
    this.setActionDefinitions(
      actionDefinitions({
        send: (command) => this.logic.send(command),
        phase: () => this.logic.view?.phase,
        log: (level, message) => this.log(level, message),
      }),
    );
    this.setFeedbackDefinitions(feedbackDefinitions(() => this.logic.input()));
    this.setPresetDefinitions(presetDefinitions());
    await this.logic.start(config);
  }

  override async configUpdated(config: LecternConfig): Promise<void> {
    await this.logic.start(config);
  }

  override async destroy(): Promise<void> {
    this.logic.stop();
  }

  override getConfigFields(): SomeCompanionConfigField[] {
    return [
      { type: 'textinput', id: 'url', label: 'Lectern URL', width: 8, default: 'http://127.0.0.1:3000', required: true },
      { type: 'textinput', id: 'hallId', label: 'Hall id (e.g. namba)', width: 4, default: '', required: true },
      {
        type: 'textinput',
        id: 'token',
        label: 'Chair token for this hall, or the director token (OBS status needs the director token)',
        width: 12,
        default: '',
        required: true,
      },
    ];
  }
}

const upgradeScripts: CompanionStaticUpgradeScript<LecternConfig>[] = [];

runEntrypoint(LecternInstance, upgradeScripts);
