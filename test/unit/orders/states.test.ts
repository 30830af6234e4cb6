import { ORDER_STATUSES, PAYMENT_PENDING, TRANSITIONS, allowedFrom, canTransition, wasPaid } from '../../../server/orders/states';

describe('order state machine', () => {
  it('lists every status in the table, and every target is a known status', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...ORDER_STATUSES].sort());
    for (const targets of Object.values(TRANSITIONS)) for (const to of targets) expect(ORDER_STATUSES).toContain(to);
  });

  it.each([
    ['CREATED', 'PAYING'],
    ['PAYING', 'PAID'],
    ['PAYING', 'UNKNOWN'],
    ['PAYING', 'CREATED'],
    ['UNKNOWN', 'PAID'],
    ['UNKNOWN', 'CREATED'],
    ['CREATED', 'PAID'],
    ['PAID', 'REFUNDING'],
    ['REFUNDING', 'REFUNDED'],
    ['REFUNDING', 'PARTIALLY_REFUNDED'],
    ['REFUNDING', 'PAID'],
    ['PARTIALLY_REFUNDED', 'REFUNDING'],
    ['CREATED', 'CLOSED'],
    ['PAYING', 'FAILED'],
    ['CLOSED', 'PAID'],
  ] as const)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it.each([
    ['PAID', 'CLOSED'],
    ['PAID', 'PAYING'],
    ['CLOSED', 'PAYING'],
    ['CLOSED', 'CREATED'],
    ['FAILED', 'PAYING'],
    ['REFUNDED', 'PAID'],
    ['REFUNDED', 'REFUNDING'],
    ['CREATED', 'REFUNDING'],
    ['UNKNOWN', 'PAYING'],
  ] as const)('forbids %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it('has no way out of REFUNDED, and out of CLOSED and FAILED only by a proven payment: PAID, or refunded since at the provider', () => {
    // A REFUNDED / PARTIALLY_REFUNDED report proves the shopper paid (the money went back outside our flow): never left CLOSED.
    expect(TRANSITIONS.CLOSED).toEqual(['PAID', 'REFUNDED', 'PARTIALLY_REFUNDED']);
    expect(TRANSITIONS.FAILED).toEqual(['PAID', 'REFUNDED', 'PARTIALLY_REFUNDED']);
    for (const from of ['CLOSED', 'FAILED'] as const) for (const to of TRANSITIONS[from]) expect(allowedFrom(to, 'provider')).toContain(from);
    expect(allowedFrom('PAID', 'close')).toEqual([]);
    expect(TRANSITIONS.REFUNDED).toEqual([]);
  });

  it('lets a provider report settle an UNKNOWN order it reports refunded, and only our refund flow leave REFUNDING', () => {
    expect(canTransition('UNKNOWN', 'REFUNDED', 'provider')).toBe(true);
    expect(canTransition('UNKNOWN', 'PARTIALLY_REFUNDED', 'provider')).toBe(true);
    expect(allowedFrom('REFUNDED', 'refund')).toEqual(['REFUNDING']);
    expect(allowedFrom('PAID', 'provider')).not.toContain('REFUNDING');
    expect(allowedFrom('CLOSED', 'close')).toEqual(['CREATED', 'PAYING', 'UNKNOWN']);
  });

  it('answers every target and cause as the moves define it, in ORDER_STATUSES order, the first time and when remembered', () => {
    for (let round = 0; round < 2; round++) {
      for (const target of ORDER_STATUSES) {
        for (const by of [undefined, 'create', 'close', 'provider', 'refund'] as const) {
          const from = allowedFrom(target, by);
          expect({ target, by, from }).toEqual({ target, by, from: ORDER_STATUSES.filter((status) => canTransition(status, target, by)) });
          from.reverse(); // a caller's copy: changing it changes no later answer
        }
      }
    }
  });

  it('derives the compare-and-set condition from the table', () => {
    expect(allowedFrom('PAID').sort()).toEqual(['CLOSED', 'CREATED', 'FAILED', 'PAYING', 'REFUNDING', 'UNKNOWN']);
    expect(allowedFrom('REFUNDING').sort()).toEqual(['PAID', 'PARTIALLY_REFUNDED']);
    expect(allowedFrom('PAYING')).toEqual(['CREATED']);
  });

  it('tells pending and paid statuses apart', () => {
    expect([...PAYMENT_PENDING].sort()).toEqual(['PAYING', 'UNKNOWN']);
    expect(wasPaid('PARTIALLY_REFUNDED')).toBe(true);
    expect(wasPaid('CLOSED')).toBe(false);
  });
});
