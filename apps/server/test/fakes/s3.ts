import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small S3 on loopback for tests: one path-style bucket in memory, with the four operations the attachment
 * storage uses — browser POST upload (policy + SigV4), presigned GET, HEAD and DELETE (SigV4 Authorization
 * header). Every signature is recomputed from the secret key by the published SigV4 algorithm and compared, every
 * POST policy condition is enforced, and expiry is checked: a request S3 would refuse, this refuses too.
 */
export interface FakeS3 {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  objects: Map<string, { body: Buffer; contentType: string }>;
  /** Requests refused, with S3's error code: tests assert nothing was let through by accident. */
  refusals: string[];
  close(): Promise<void>;
}

const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text).digest();
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
/** RFC 3986 encoding, as SigV4 canonical queries need it. */
const encode = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function signingKey(secret: string, date: string, region: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), 's3'), 'aws4_request');
}

function equalText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

class Refusal extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string) {
    super(code);
    this.status = status;
    this.code = code;
  }
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startFakeS3(): Promise<FakeS3> {
  const state = {
    bucket: 'attachments',
    accessKeyId: 'AKIAFAKEKEY0000001',
    secretAccessKey: 'fake-secret-key-for-loopback-tests-only',
    region: 'us-east-1',
    objects: new Map<string, { body: Buffer; contentType: string }>(),
    refusals: [] as string[],
  };

  /** The credential scope `AKID/20260101/us-east-1/s3/aws4_request`, checked against our key and region. */
  function checkCredential(credential: string): { date: string; scope: string } {
    const [key, date, region, service, terminator] = credential.split('/');
    if (key !== state.accessKeyId) throw new Refusal(403, 'InvalidAccessKeyId');
    if (region !== state.region || service !== 's3' || terminator !== 'aws4_request' || !date) {
      throw new Refusal(400, 'AuthorizationHeaderMalformed');
    }
    return { date, scope: `${date}/${region}/s3/aws4_request` };
  }

  function verifyRequest(
    request: IncomingMessage,
    url: URL,
    auth: {
      credential: string;
      signedHeaders: string;
      signature: string;
      amzDate: string;
      payloadHash: string;
    },
    queryWithoutSignature: Array<[string, string]>,
  ): void {
    const { date, scope } = checkCredential(auth.credential);
    const headers = auth.signedHeaders.split(';');
    const canonicalHeaders = headers
      .map((name) => {
        const value = request.headers[name];
        return `${name}:${String(Array.isArray(value) ? value.join(',') : (value ?? ''))
          .trim()
          .replace(/\s+/g, ' ')}\n`;
      })
      .join('');
    const canonicalQuery = queryWithoutSignature
      .map(([k, v]) => [encode(k), encode(v)] as const)
      .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    const canonicalRequest = [
      request.method,
      url.pathname,
      canonicalQuery,
      canonicalHeaders,
      auth.signedHeaders,
      auth.payloadHash,
    ].join('\n');
    const stringToSign = ['AWS4-HMAC-SHA256', auth.amzDate, scope, sha256(canonicalRequest)].join('\n');
    const expected = hmac(signingKey(state.secretAccessKey, date, state.region), stringToSign).toString(
      'hex',
    );
    if (!equalText(expected, auth.signature)) throw new Refusal(403, 'SignatureDoesNotMatch');
  }

  function amzTime(text: string): number {
    const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
    if (!m) throw new Refusal(400, 'AuthorizationQueryParametersError');
    return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  }

  /** Browser upload: the policy's signature, its expiry, and every one of its conditions. */
  async function postObject(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = await bodyOf(request);
    const form = await new Request('http://s3.local/', {
      method: 'POST',
      headers: { 'content-type': request.headers['content-type'] ?? '' },
      body: raw,
    }).formData();
    const fields = new Map<string, string>();
    let file: File | undefined;
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') fields.set(name.toLowerCase(), value);
      else if (name === 'file') file = value;
    }
    if (!file) throw new Refusal(400, 'InvalidArgument');
    const policyText = fields.get('policy') ?? '';
    if (fields.get('x-amz-algorithm') !== 'AWS4-HMAC-SHA256') throw new Refusal(400, 'InvalidArgument');
    const { date } = checkCredential(fields.get('x-amz-credential') ?? '');
    const expected = hmac(signingKey(state.secretAccessKey, date, state.region), policyText).toString('hex');
    if (!equalText(expected, fields.get('x-amz-signature') ?? ''))
      throw new Refusal(403, 'SignatureDoesNotMatch');
    const policy = JSON.parse(Buffer.from(policyText, 'base64').toString('utf8')) as {
      expiration: string;
      conditions: Array<Record<string, string> | [string, string | number, string | number]>;
    };
    if (Date.parse(policy.expiration) < Date.now()) throw new Refusal(403, 'AccessDenied');
    fields.set('bucket', state.bucket);
    const covered = new Set(['policy', 'x-amz-signature', 'file']);
    for (const condition of policy.conditions) {
      if (!Array.isArray(condition)) {
        for (const [name, value] of Object.entries(condition)) {
          covered.add(name.toLowerCase());
          if (fields.get(name.toLowerCase()) !== value) throw new Refusal(403, 'AccessDenied');
        }
        continue;
      }
      const [operator, left, right] = condition;
      if (operator === 'content-length-range') {
        if (file.size < Number(left) || file.size > Number(right)) throw new Refusal(400, 'EntityTooLarge');
        continue;
      }
      const name = String(left).replace(/^\$/, '').toLowerCase();
      covered.add(name);
      const value = fields.get(name) ?? '';
      if (operator === 'eq' && value !== right) throw new Refusal(403, 'AccessDenied');
      if (operator === 'starts-with' && !value.startsWith(String(right)))
        throw new Refusal(403, 'AccessDenied');
    }
    // S3 refuses form fields the policy does not mention.
    for (const name of fields.keys()) {
      if (!covered.has(name) && !name.startsWith('x-ignore-') && name !== 'bucket') {
        throw new Refusal(403, 'AccessDenied');
      }
    }
    const key = fields.get('key') ?? '';
    state.objects.set(key, {
      body: Buffer.from(await file.arrayBuffer()),
      contentType: fields.get('content-type') ?? 'binary/octet-stream',
    });
    response.writeHead(204).end();
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://s3.local');
    const [, bucket, ...rest] = url.pathname.split('/');
    if (bucket !== state.bucket) throw new Refusal(404, 'NoSuchBucket');
    if (request.method === 'POST' && rest.join('/') === '') return postObject(request, response);
    const key = decodeURIComponent(rest.join('/'));
    const params = [...url.searchParams.entries()];
    if (url.searchParams.has('X-Amz-Signature')) {
      const q = url.searchParams;
      const signed = amzTime(q.get('X-Amz-Date') ?? '');
      if (signed + Number(q.get('X-Amz-Expires')) * 1000 < Date.now()) throw new Refusal(403, 'AccessDenied');
      verifyRequest(
        request,
        url,
        {
          credential: q.get('X-Amz-Credential') ?? '',
          signedHeaders: q.get('X-Amz-SignedHeaders') ?? '',
          signature: q.get('X-Amz-Signature') ?? '',
          amzDate: q.get('X-Amz-Date') ?? '',
          payloadHash: 'UNSIGNED-PAYLOAD',
        },
        params.filter(([k]) => k !== 'X-Amz-Signature'),
      );
    } else {
      const header = request.headers.authorization ?? '';
      const m = /^AWS4-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]+)$/.exec(
        header,
      );
      if (!m) throw new Refusal(403, 'AccessDenied');
      const amzDate = String(request.headers['x-amz-date'] ?? '');
      if (Math.abs(amzTime(amzDate) - Date.now()) > 15 * 60_000)
        throw new Refusal(403, 'RequestTimeTooSkewed');
      const body = await bodyOf(request);
      const payloadHash = String(request.headers['x-amz-content-sha256'] ?? '');
      if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha256(body)) {
        throw new Refusal(400, 'XAmzContentSHA256Mismatch');
      }
      verifyRequest(
        request,
        url,
        { credential: m[1]!, signedHeaders: m[2]!, signature: m[3]!, amzDate, payloadHash },
        params,
      );
    }
    const object = state.objects.get(key);
    if (request.method === 'DELETE') {
      state.objects.delete(key);
      return void response.writeHead(204).end();
    }
    if (!object) throw new Refusal(404, 'NoSuchKey');
    const headers: Record<string, string> = {
      'content-type': object.contentType,
      'content-length': String(object.body.length),
    };
    const disposition = url.searchParams.get('response-content-disposition');
    if (disposition) headers['content-disposition'] = disposition;
    if (request.method === 'HEAD') return void response.writeHead(200, headers).end();
    if (request.method === 'GET') return void response.writeHead(200, headers).end(object.body);
    throw new Refusal(405, 'MethodNotAllowed');
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const refusal = error instanceof Refusal ? error : new Refusal(500, 'InternalError');
      state.refusals.push(refusal.code);
      if (!(error instanceof Refusal)) console.error(error);
      response
        .writeHead(refusal.status, { 'content-type': 'application/xml' })
        .end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${refusal.code}</Code></Error>`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...state,
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
