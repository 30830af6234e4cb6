import { soakSubset } from './support/subset';

soakSubset('quickpay');
