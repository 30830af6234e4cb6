import { describeProvider } from './support/scenarios';

describeProvider('quickpay');
