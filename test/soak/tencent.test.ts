import { soakSubset } from './support/subset';

soakSubset('tencent');
