import { describe, expect, it } from 'vitest';
import { OWN_SWITCH_WINDOW_MS, OwnSwitches } from '../../../server/obs/obs.switches.js';

describe("OwnSwitches: telling Lectern's scene switches from an operator's", () => {
  it("recognises its own switch, and an operator's", () => {
    const own = new OwnSwitches();
    own.request('Talk', 0);
    expect(own.settle('Talk', 400)).toBe('current');
    expect(own.settle('Hold', 900)).toBe('foreign');
  });

  it('a reported switch settles the older ones whose transitions were cut short', () => {
    const own = new OwnSwitches();
    own.request('Q&A', 0);
    own.request('Hold', 100);
    own.request('Break', 200);
    expect(own.settle('Break', 600)).toBe('current');
    // Hold's event never came; an operator choosing Hold later is the operator.
    expect(own.settle('Hold', 5000)).toBe('foreign');
  });

  it('a late event of a switch that a newer one replaced is stale, then the newer one is current', () => {
    const own = new OwnSwitches();
    own.request('Q&A', 0);
    own.request('Break', 100);
    expect(own.settle('Q&A', 350)).toBe('stale');
    expect(own.settle('Break', 450)).toBe('current');
  });

  it('matches the latest request of a scene asked for twice', () => {
    const own = new OwnSwitches();
    own.request('Break', 0);
    own.request('Hold', 100);
    own.request('Break', 200);
    expect(own.settle('Break', 500)).toBe('current');
  });

  it('forgets requests after a while, when cancelled, and on a new session', () => {
    const own = new OwnSwitches();
    own.request('Talk', 0);
    expect(own.settle('Talk', OWN_SWITCH_WINDOW_MS + 1)).toBe('foreign');
    own.cancel(own.request('Q&A', 0));
    expect(own.settle('Q&A', 10)).toBe('foreign');
    own.request('Ended', 0);
    own.clear();
    expect(own.settle('Ended', 10)).toBe('foreign');
  });
});
