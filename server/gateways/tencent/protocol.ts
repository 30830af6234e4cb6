/**
 * Tencent Cloud Pay's stages of the shared pipeline (../pipeline): `sign` = the envelope with the
 * authen_code over the exact request text (envelope.ts), `read` = response_content → its Status
 * (status.ts), `verify` = the authen_code over response_content exactly as received.
 */
import type { RawResponse } from '../../platform/http';
import { unreadable, type Authenticity, type Envelope, type Protocol, type Wire } from '../pipeline';
import type { TencentSettings } from './config';
import { EnvelopeFormatError, openResponse, parseContent, sealRequest } from './envelope';
import { envelopeOf, trustsUnsigned } from './status';
import { ResponseHeadSchema } from './types';
import { check } from '../../platform/validation';

function opened(authenKey: string, response: RawResponse) {
  try {
    return openResponse(authenKey, response.body);
  } catch (err) {
    if (err instanceof EnvelopeFormatError) throw unreadable(err.message);
    throw err;
  }
}

export function tencentProtocol(settings: Pick<TencentSettings, 'baseUrl' | 'authenKey' | 'timeoutMs'>): Protocol {
  return {
    provider: 'tencent',
    timeoutMs: settings.timeoutMs,
    sign: (operation: string, body: object): Wire => ({
      url: `${settings.baseUrl}/cpay/${operation}`,
      headers: { 'content-type': 'application/json' },
      body: sealRequest(settings.authenKey, body).body,
    }),
    read: (_operation: string, response: RawResponse): Envelope => {
      const { contentText } = opened(settings.authenKey, response);
      let content: unknown;
      try {
        content = parseContent(contentText);
      } catch {
        throw unreadable('response_content is not JSON text');
      }
      const head = check(ResponseHeadSchema, content);
      if (!head.success) throw unreadable('response_content has no numeric status');
      return envelopeOf(head.output, content);
    },
    verify: (_operation: string, _envelope: Envelope, response: RawResponse): Authenticity =>
      opened(settings.authenKey, response).authenticity,
    trustsUnsigned,
  };
}
