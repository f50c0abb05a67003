import { describe, expect, it } from 'vitest';
import { sha256Hex, signS3Request } from './s3-signature';

// The worked examples of AWS's "Signature Calculations for the Authorization Header" (S3):
// their published credentials, instant and signatures.
const AWS_EXAMPLE = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1' };
const AT = new Date('2013-05-24T00:00:00Z');

describe('signS3Request', () => {
  it('signs GET Object with a Range header exactly as AWS’s example', () => {
    const headers = signS3Request(
      { method: 'GET', url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'), headers: { Range: 'bytes=0-9' }, payloadHash: sha256Hex('') },
      AWS_EXAMPLE,
      AT,
    );
    expect(headers).toEqual({
      range: 'bytes=0-9',
      'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'x-amz-date': '20130524T000000Z',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    });
  });

  it('signs PUT Object with a body and a character the path must encode, as AWS’s example', () => {
    const body = 'Welcome to Amazon S3.';
    const headers = signS3Request(
      {
        method: 'PUT',
        url: new URL('https://examplebucket.s3.amazonaws.com/test$file.text'),
        headers: { Date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY' },
        payloadHash: sha256Hex(body),
      },
      AWS_EXAMPLE,
      AT,
    );
    expect(headers['x-amz-content-sha256']).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd',
    );
  });

  it('changes the signature with anything signed: key, instant, path, body', () => {
    const base = { method: 'GET', url: new URL('https://store.example/bucket/key-1'), payloadHash: sha256Hex('') };
    const signature = (request = base, credentials = AWS_EXAMPLE, at = AT) => signS3Request(request, credentials, at).authorization;
    const original = signature();
    expect(signature(base, { ...AWS_EXAMPLE, secretAccessKey: 'another' })).not.toBe(original);
    expect(signature(base, AWS_EXAMPLE, new Date(AT.getTime() + 1000))).not.toBe(original);
    expect(signature({ ...base, url: new URL('https://store.example/bucket/key-2') })).not.toBe(original);
    expect(signature({ ...base, payloadHash: sha256Hex('x') })).not.toBe(original);
  });
});
