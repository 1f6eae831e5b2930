// Fake Slack tokens (`xoxb-`, `xoxp-`, `xoxa-`, `xoxr-`, `xoxe-`, `xapp-`) and webhook URLs.

import { ALPHABETS, digits, plausible, type Generators } from './random';

const ALNUM = ALPHABETS.b62;
const UPPER_NUM = ALPHABETS.upper_num;
const HEX = ALPHABETS.hex;

export const generators: Generators = {
  // {{slack:xoxb}}, {{slack:webhook}}…
  slack: (args) => {
    const [kind = 'xoxb'] = args;
    switch (kind) {
      case 'xoxb':
        return `xox${'b'}-${digits(12, 12)}-${digits(13, 13)}-${plausible(ALNUM, 24)}`;
      case 'xoxp':
        return `xox${'p'}-${digits(12, 12)}-${digits(12, 12)}-${digits(13, 13)}-${plausible(HEX, 32)}`;
      case 'xoxa':
        return `xox${'a'}-2-${digits(12, 12)}-${digits(12, 12)}-${plausible(HEX, 64)}`;
      case 'xoxs':
        return `xox${'s'}-${digits(10, 10)}-${digits(11, 11)}-${digits(12, 12)}-${plausible(HEX, 64)}`;
      case 'xoxb-legacy':
        return `xox${'b'}-${digits(11, 11)}-${plausible(ALNUM, 24)}`;
      case 'xoxa-short':
        return `xox${'a'}-2-${plausible(ALNUM, 10)}k7`;
      case 'xoxr-short':
        return `xox${'r'}-${plausible(ALNUM, 11)}q9`;
      case 'xoxp-old':
        return `xox${'p'}-${digits(6, 6)}-${digits(6, 6)}-${digits(6, 6)}-${plausible(HEX, 18)}`;
      case 'xoxe-file':
        return `xox${'e'}-${digits(13, 13)}-${digits(13, 13)}-${digits(13, 13)}-${plausible(HEX, 32)}`;
      case 'xoxr-old':
        return `xox${'r'}-${digits(6, 6)}-${digits(6, 6)}-${digits(6, 6)}-${plausible(HEX, 22)}`;
      case 'xoxr':
        return `xox${'r'}-${digits(12, 12)}-${plausible(ALNUM, 40)}`;
      case 'xoxe':
        return `xox${'e'}-1-${plausible(ALNUM, 146)}`;
      case 'xoxe.xoxp':
        return `xox${'e'}.xoxp-1-${plausible(ALNUM, 140)}`;
      case 'xapp':
        return `xa${'pp'}-1-A${plausible(UPPER_NUM, 10)}-${digits(13, 13)}-${plausible(HEX, 64)}`;
      case 'webhook':
        return `https://hooks.slack.com/services/T${plausible(UPPER_NUM, 10)}/B${plausible(UPPER_NUM, 10)}/${plausible(ALNUM, 24)}`;
      case 'webhook-http':
        return `http://hooks.slack.com/services/T${plausible(UPPER_NUM, 10)}/B${plausible(UPPER_NUM, 10)}/${plausible(ALNUM, 24)}`;
      case 'workflow-http':
        return `http://hooks.slack.com/workflows/G${plausible(UPPER_NUM, 10)}/A${plausible(UPPER_NUM, 10)}/${digits(18, 18)}/${plausible(ALNUM, 24)}`;
      case 'workflow':
        return `https://hooks.slack.com/workflows/T${plausible(UPPER_NUM, 10)}/A${plausible(UPPER_NUM, 10)}/${digits(18, 18)}/${plausible(ALNUM, 24)}`;
      case 'trigger':
        return `https://hooks.slack.com/triggers/T${plausible(UPPER_NUM, 10)}/${digits(13, 13)}/${plausible(HEX, 32)}`;
      default:
        throw new Error(`slack: unknown kind ${kind}`);
    }
  },
};
