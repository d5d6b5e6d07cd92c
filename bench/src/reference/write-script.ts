import { createHash } from 'node:crypto';

/**
 * The backend's check-and-set script (backend/src/tracking/redis-telemetry.store.ts), word for
 * word, so the reference server does exactly the backend's Redis work: one call per request,
 * KEYS = [index, hash of each item], ARGV = [ttl, received_at, then 7 values per item], answering
 * 1 (accepted) or 0 (stale) per item. The bench may not import the backend, so
 * `write-script.spec.ts` fails when the two copies differ.
 */
export const WRITE_SCRIPT = `
local ttl = ARGV[1]
local receivedAt = ARGV[2]
local score = tonumber(receivedAt) + tonumber(ttl) * 1000
local results = {}
local index = {}
for i = 2, #KEYS do
  local a = 3 + (i - 2) * 7
  local current = redis.call('HGET', KEYS[i], 'timestamp')
  if current and tonumber(current) > tonumber(ARGV[a]) then
    results[i - 1] = 0
  else
    redis.call('HSET', KEYS[i], 'room_id', ARGV[a + 1], 'platform', ARGV[a + 2],
      'tokens_count', ARGV[a + 3], 'tips_count', ARGV[a + 4], 'viewers_count', ARGV[a + 5],
      'timestamp', ARGV[a], 'received_at', receivedAt)
    redis.call('EXPIRE', KEYS[i], ttl)
    index[#index + 1] = score
    index[#index + 1] = ARGV[a + 6]
    results[i - 1] = 1
  end
end
if #index > 0 then redis.call('ZADD', KEYS[1], unpack(index)) end
return results
`;

export const WRITE_SHA = createHash('sha1').update(WRITE_SCRIPT).digest('hex');
