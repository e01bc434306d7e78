import { describe, expect, it } from 'vitest';
import { classifySendFailure, RETRY_BASE_MS, RETRY_MAX_MS, retryDelayMs } from './delivery-retry';

describe('delivery retry', () => {
  it('doubles from about a minute, with half of each delay random, up to six hours', () => {
    expect(retryDelayMs(1, () => 0)).toBe(RETRY_BASE_MS / 2);
    expect(retryDelayMs(1, () => 1)).toBe(RETRY_BASE_MS);
    expect(retryDelayMs(3, () => 1)).toBe(4 * RETRY_BASE_MS);
    expect(retryDelayMs(30, () => 1)).toBe(RETRY_MAX_MS);
    expect(retryDelayMs(30, () => 0)).toBe(RETRY_MAX_MS / 2);
  });

  it('retries 4xx replies and connection trouble, gives up on 5xx and unbuildable messages', () => {
    expect(classifySendFailure(Object.assign(new Error('greylisted'), { responseCode: 451 }))).toBe('transient');
    expect(classifySendFailure(Object.assign(new Error('no such user'), { responseCode: 550, code: 'EENVELOPE' }))).toBe('permanent');
    expect(classifySendFailure(Object.assign(new Error('refused'), { code: 'ECONNECTION' }))).toBe('transient');
    expect(classifySendFailure(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }))).toBe('transient');
    expect(classifySendFailure(Object.assign(new Error('no recipients'), { code: 'EENVELOPE' }))).toBe('permanent');
    expect(classifySendFailure('weird')).toBe('transient');
  });
});
