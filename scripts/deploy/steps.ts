/**
 * Each plan step as people read it and as the deploy runs it: a CloudBase CLI (`tcb`) command, or
 * a call of `@cloudbase/manager-node` for what the CLI has no command for (collections, indexes).
 */
import { scrubText } from '../../server/platform/log';
import { MEANINGS } from '../config/meanings';
import type { Step } from './plan';

export type Action = { tool: 'tcb'; args: string[] } | { tool: 'manager'; call: 'createCollectionIfNotExists' | 'updateCollection'; args: unknown[] };

export function actionOf(step: Step, envId: string, configFile: string): Action {
  const env = ['-e', envId];
  switch (step.kind) {
    case 'function':
      return { tool: 'tcb', args: ['fn', 'deploy', step.name, '--force', '--config-file', configFile, ...env] };
    case 'trigger':
      return { tool: 'tcb', args: ['fn', 'trigger', 'create', step.functionName, '--config-file', configFile, ...env] };
    case 'route':
      return { tool: 'tcb', args: ['service', 'create', '-p', step.path, '-f', step.functionName, ...env] };
    case 'collection':
      return { tool: 'manager', call: 'createCollectionIfNotExists', args: [step.name] };
    case 'collection-rules':
      return { tool: 'tcb', args: ['permission', 'set', `collection:${step.collection}`, '--level', 'custom', '--rule', JSON.stringify(step.rules), ...env] };
    case 'index': {
      const keys = Object.entries(step.index.keys).map(([Name, direction]) => ({ Name, Direction: String(direction) }));
      const index = { IndexName: step.index.name, MgoKeySchema: { MgoIsUnique: step.index.unique ?? false, MgoIndexKeys: keys } };
      return { tool: 'manager', call: 'updateCollection', args: [step.collection, { CreateIndexes: [index] }] };
    }
    case 'function-rules':
      return { tool: 'tcb', args: ['permission', 'set', 'function', '--level', 'custom', '--rule', JSON.stringify(step.rules), ...env] };
  }
}

/** A variable's value for printing: secrets never appear, not even in a dry run. */
function shown(name: string, value: string): string {
  if (MEANINGS[name]?.secret) return `<secret, ${value.length} characters>`;
  const scrubbed = scrubText(value);
  return scrubbed === value ? JSON.stringify(value) : '<secret>';
}

function quote(arg: string): string {
  return /^[A-Za-z0-9_./:=@-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function describeStep(step: Step): string[] {
  switch (step.kind) {
    case 'function': {
      const head = `function ${step.name}: ${step.runtime}, handler ${step.handler}, timeout ${step.timeout} s, memory ${step.memorySize} MB, ${Object.keys(step.env).length} variables`;
      return [head, ...Object.entries(step.env).map(([name, value]) => `    ${name}=${shown(name, value)}`)];
    }
    case 'trigger':
      return [`timer trigger ${step.name} on ${step.functionName}: cron "${step.cron}"`];
    case 'route':
      return [`HTTP access route ${step.path} → ${step.functionName}`];
    case 'collection':
      return [`collection ${step.name}`];
    case 'collection-rules':
      return [`security rules of ${step.collection}: ${JSON.stringify(step.rules)}`];
    case 'index':
      return [
        `index ${step.collection}.${step.index.name}${step.index.unique ? ' (unique)' : ''}: ${Object.entries(step.index.keys)
          .map(([field, dir]) => `${field} ${dir === 1 ? 'asc' : 'desc'}`)
          .join(', ')}`,
      ];
    case 'function-rules':
      return [`function invoke rules: ${JSON.stringify(step.rules)}`];
  }
}

export function renderAction(action: Action): string {
  if (action.tool === 'tcb') return `$ tcb ${action.args.map(quote).join(' ')}`;
  return `$ manager-node database.${action.call}(${action.args.map((a) => JSON.stringify(a)).join(', ')})`;
}
