/**
 * `db.command` of the local cloud: the query and update operators the project's code uses, with
 * the same call shapes as wx-server-sdk (`_.in([...])`, `_.gt(1).and(_.lt(5))`, `_.inc(1)`, …).
 * Commands are plain tagged objects; `translate.ts` turns them into NeDB queries and modifiers.
 */
export type QueryOp = 'eq' | 'neq' | 'in' | 'nin' | 'lt' | 'lte' | 'gt' | 'gte' | 'exists';
export type LogicOp = 'and' | 'or';
export type UpdateOp = 'set' | 'inc' | 'remove' | 'push';

/** A condition on one field, e.g. `_.gte(3)`; chainable with `.and(...)` / `.or(...)`. */
export class QueryCommand {
  constructor(
    readonly op: QueryOp,
    readonly operand: unknown,
  ) {}
  and(...others: Array<QueryCommand | LogicCommand | QueryCommand[]>): LogicCommand {
    return new LogicCommand('and', [this, ...others.flat()]);
  }
  or(...others: Array<QueryCommand | LogicCommand | QueryCommand[]>): LogicCommand {
    return new LogicCommand('or', [this, ...others.flat()]);
  }
}

/** `_.and(...)` / `_.or(...)`: over whole conditions (top level) or over field commands (as a field's value). */
export class LogicCommand {
  constructor(
    readonly op: LogicOp,
    readonly operands: unknown[],
  ) {}
  and(...others: unknown[]): LogicCommand {
    return new LogicCommand('and', [this, ...others.flat()]);
  }
  or(...others: unknown[]): LogicCommand {
    return new LogicCommand('or', [this, ...others.flat()]);
  }
}

export class UpdateCommand {
  constructor(
    readonly op: UpdateOp,
    readonly operand: unknown,
  ) {}
}

const logic =
  (op: LogicOp) =>
  (...operands: unknown[]): LogicCommand =>
    new LogicCommand(op, operands.length === 1 && Array.isArray(operands[0]) ? operands[0] : operands);

export const command = {
  eq: (value: unknown) => new QueryCommand('eq', value),
  neq: (value: unknown) => new QueryCommand('neq', value),
  in: (values: unknown[]) => new QueryCommand('in', values),
  nin: (values: unknown[]) => new QueryCommand('nin', values),
  lt: (value: unknown) => new QueryCommand('lt', value),
  lte: (value: unknown) => new QueryCommand('lte', value),
  gt: (value: unknown) => new QueryCommand('gt', value),
  gte: (value: unknown) => new QueryCommand('gte', value),
  exists: (value: boolean) => new QueryCommand('exists', value),
  and: logic('and'),
  or: logic('or'),
  set: (value: unknown) => new UpdateCommand('set', value),
  inc: (value: number) => new UpdateCommand('inc', value),
  remove: () => new UpdateCommand('remove', undefined),
  push: (values: unknown) => new UpdateCommand('push', values),
};

export type Command = typeof command;
