import { describe, expect, it } from 'vitest';
import { WORKFLOW_STEP_IDS } from '@csphub/domain';
import { en } from '../../i18n/messages/en';
import { es } from '../../i18n/messages/es';

// The timeline names each step by `run.step.<id>`; a step declared in the workflows' lists without a
// text in a language would show its raw id there.
describe('every workflow step has its text in English and Spanish', () => {
  for (const [language, catalogue] of [['en', en], ['es', es]] as const) {
    it(language, () => {
      const texts = catalogue as Record<string, string | undefined>;
      const missing = WORKFLOW_STEP_IDS.filter((id) => !texts[`run.step.${id}`]?.trim());
      expect(missing).toEqual([]);
    });
  }

  it('the Spanish text is not the English one', () => {
    const same = WORKFLOW_STEP_IDS.filter((id) => (en as Record<string, string>)[`run.step.${id}`] === (es as Record<string, string>)[`run.step.${id}`]);
    expect(same).toEqual([]);
  });
});
