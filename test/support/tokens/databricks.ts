// Fake Databricks tokens: `dapi` + 32 hex, optional `-<digit>` suffix.

import { ALPHABETS, rand, type Generators } from './random';

export const generators: Generators = {
  // {{databricks}}, {{databricks:2}}
  databricks: ([suffix]) => 'da' + 'pi' + rand(ALPHABETS.hex, 32) + (suffix ? '-' + suffix : ''),
};
