import { readPageHookMessage } from './page-hook-message';

const own = {};
const envelope = {
  source: 'roompulse-page-hook',
  version: 1,
  kind: 'ws-message',
  socketUrl: 'wss://a',
  data: '[39,{},1,[5]]',
};

describe(readPageHookMessage.name, () => {
  it("accepts the page hook's envelope from the tab's own window", () => {
    expect(readPageHookMessage({ data: envelope, source: own as Window }, own)).toEqual(envelope);
  });

  it.each([
    ['another window', { data: envelope, source: {} as Window }],
    [
      'another source tag',
      { data: { ...envelope, source: 'someone-else' }, source: own as Window },
    ],
    ['another version', { data: { ...envelope, version: 2 }, source: own as Window }],
    ['a non-string frame', { data: { ...envelope, data: { a: 1 } }, source: own as Window }],
    ['a plain string', { data: 'hello', source: own as Window }],
  ])('ignores a message from %s', (_label, event) => {
    expect(readPageHookMessage(event, own)).toBeNull();
  });
});
