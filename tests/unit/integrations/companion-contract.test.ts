import { describe, expectTypeOf, it } from 'vitest';
import type * as Lectern from '../../../shared/index.js';
import type * as Module from '../../../integrations/companion/src/lectern-types.js';

// The Companion module ships as its own package with a trimmed copy of Lectern's contract
// (integrations/companion/src/lectern-types.ts). These checks make the copy fail the typecheck the day
// shared/ changes a field the module reads, instead of the module breaking at a venue.
describe('the Companion module reads the contract Lectern sends', () => {
  it('what the server sends fits what the module reads', () => {
    expectTypeOf<Lectern.LiveView>().toExtend<Module.LiveView>();
    expectTypeOf<Lectern.CommandResult>().toExtend<Module.CommandResult>();
    expectTypeOf<Lectern.ObsHallStatus>().toExtend<Module.ObsHallStatus>();
    expectTypeOf<Lectern.Phase>().toExtend<Module.Phase>();
  });

  it('every command the module sends is one Lectern accepts', () => {
    expectTypeOf<Module.ChairCommand>().toExtend<Lectern.Command>();
  });
});
