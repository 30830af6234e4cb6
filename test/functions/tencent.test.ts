import { describeProvider } from './support/scenarios';

describeProvider('tencent');
