import { describe, expect, it } from 'vitest';
import { aliyunSignatureV1, gatewaySignature, popEncode } from './sms';

describe('Aliyun Dysmsapi signature V1', () => {
  // The worked example of Aliyun's "HTTP协议及签名" page for SendSms
  // (https://help.aliyun.com/document_detail/101343.html): AccessKey testId / testSecret, GET.
  const example = {
    AccessKeyId: 'testId',
    Action: 'SendSms',
    Format: 'XML',
    OutId: '123',
    PhoneNumbers: '15300000001',
    RegionId: 'cn-hangzhou',
    SignName: '阿里云短信测试专用',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
    SignatureVersion: '1.0',
    TemplateCode: 'SMS_71390007',
    TemplateParam: '{"customer":"test"}',
    Timestamp: '2017-07-12T02:42:19Z',
    Version: '2017-05-25',
  };

  it('gives the signature the published example gives', async () => {
    const signature = await aliyunSignatureV1('testSecret', 'GET', example);
    expect(signature).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
    // …which the example's URL carries as Signature=zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D.
    expect(popEncode(signature)).toBe('zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D');
  });

  it('ignores a Signature parameter already present, and changes with any other parameter', async () => {
    expect(await aliyunSignatureV1('testSecret', 'GET', { ...example, Signature: 'x' })).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
    expect(await aliyunSignatureV1('testSecret', 'GET', { ...example, PhoneNumbers: '15300000002' })).not.toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
    expect(await aliyunSignatureV1('testSecret', 'POST', example)).not.toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });

  it('percent-encodes as POP does: space %20, * %2A, ~ kept', () => {
    expect(popEncode("a b*c~d!'()")).toBe('a%20b%2Ac~d%21%27%28%29');
  });
});

describe('gateway signature', () => {
  it('is t=<seconds>,v1=<hex HMAC-SHA256 of "t.body">', async () => {
    // HMAC-SHA256("secret", "1700000000.{}") computed independently (openssl dgst -sha256 -hmac secret).
    expect(await gatewaySignature('secret', 1700000000, '{}')).toBe(
      't=1700000000,v1=b8569b78799ff9e3cbff0fc2d63a33a2b57f3282abd07c37ae5e8e7d79a5f163',
    );
  });
});
