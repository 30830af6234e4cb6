import { soakSubset } from './support/subset';

soakSubset('caibao');
