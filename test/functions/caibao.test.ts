import { describeProvider } from './support/scenarios';

describeProvider('caibao');
