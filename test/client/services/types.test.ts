import { ORDER_STATUSES as SERVER_STATUSES, type OrderStatus as ServerStatus } from '../../../server/orders/states';
import { isFinal, isPayable, ORDER_STATUSES, statusLabel, type OrderStatus } from '../../../client/services/types';

// The client keeps its own copy of the order statuses (the client bundle does not import server code).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameStatusType: Same<OrderStatus, ServerStatus> = true;

describe('order statuses on the client', () => {
  it('are the server’s, in the same order', () => {
    expect(sameStatusType).toBe(true);
    expect([...ORDER_STATUSES]).toEqual([...SERVER_STATUSES]);
  });

  it('say which are final and which can still be paid or cancelled', () => {
    expect(ORDER_STATUSES.filter((s) => !isFinal(s))).toEqual(['CREATED', 'PAYING', 'UNKNOWN']);
    expect(ORDER_STATUSES.filter(isPayable)).toEqual(['CREATED', 'PAYING']);
    expect(statusLabel('PAID')).toBe('PAID');
    expect(statusLabel('CLOSED')).toBe('Cancelled');
  });
});
