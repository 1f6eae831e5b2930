import type { RuleSpec } from '../types';
import { RULES_STRUCTURED } from './structured';
import { RULES_A } from './vendorsA';
import { RULES_B } from './vendorsB';

/** Every built-in rule, specific vendor formats first, structured and generic rules last. */
export const BUILTIN_RULES: readonly RuleSpec[] = [...RULES_A, ...RULES_B, ...RULES_STRUCTURED];
