import { validateManifest } from '@companion-module/base';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { actionDefinitions } from '../../../integrations/companion/src/actions.js';
import { feedbackDefinitions } from '../../../integrations/companion/src/feedbacks.js';
import { presetDefinitions } from '../../../integrations/companion/src/presets.js';
import { VARIABLES } from '../../../integrations/companion/src/variables.js';

const actions = actionDefinitions({
  send: async () => ({ ok: false, error: 'x', message: 'x' }),
  phase: () => 'talk',
  log: () => {},
});
const feedbacks = feedbackDefinitions(() => ({ view: null, serverNow: 0, timeZone: 'Asia/Tokyo', connection: 'ok', obs: null }));

describe('companion definitions', () => {
  it('the manifest passes @companion-module/base validation and points at the built entrypoint', () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../../../integrations/companion/companion/manifest.json', import.meta.url), 'utf8'),
    );
    expect(() => validateManifest(manifest, true)).not.toThrow();
    expect(manifest.runtime.entrypoint).toBe('../dist/main.js');
  });

  it('every preset uses defined actions, feedbacks and variables; the chair page has 15 keys', () => {
    const presets = Object.values(presetDefinitions());
    const variables = new Set<string>(VARIABLES.map((v) => v.variableId));
    for (const preset of presets) {
      if (preset?.type !== 'button') continue;
      for (const step of preset.steps) for (const action of step.down) expect(Object.keys(actions)).toContain(action.actionId);
      for (const feedback of preset.feedbacks) expect(Object.keys(feedbacks)).toContain(feedback.feedbackId);
      for (const [, id] of String(preset.style.text).matchAll(/\$\(lectern:(\w+)\)/g)) expect(variables).toContain(id);
    }
    expect(presets.filter((p) => p?.category === 'Chair')).toHaveLength(15);
  });
});
