namespace Compacts.Functions.Storage;

/// <summary>
/// A small in-process cache of rarely written entities (compacts, units, users) for <see cref="StorageOptions.CacheSeconds"/>.
/// A write through this instance takes effect here at once: <see cref="WriteAsync{T}"/> invalidates the key before and after
/// the write, and a read stores its result only if no invalidation of its key happened since the read began (a read that raced
/// the write cannot put the old value back). Other instances see the change when their entry expires.
/// </summary>
public sealed class ReadCache<TKey, TValue>(TimeProvider time, TimeSpan lifetime, int capacity = 10_000)
    where TKey : notnull
    where TValue : class
{
    private readonly Dictionary<TKey, (TValue Value, DateTimeOffset Expires)> _entries = [];
    private readonly Dictionary<TKey, long> _invalidatedAt = [];
    private readonly Lock _gate = new();
    private long _clock;
    private long _forgottenBefore; // invalidations older than this were dropped with the table: treat every key as invalidated then

    /// <summary>The cached value, or <paramref name="read"/>'s (cached unless the key was invalidated while it ran; null is not cached).</summary>
    public async Task<TValue?> GetOrReadAsync(TKey key, Func<Task<TValue?>> read)
    {
        long started;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry) && entry.Expires > time.GetUtcNow())
            {
                return entry.Value;
            }

            started = _clock;
        }

        var value = await read();
        if (value is not null && lifetime > TimeSpan.Zero)
        {
            lock (_gate)
            {
                if (_invalidatedAt.GetValueOrDefault(key, _forgottenBefore) <= started)
                {
                    if (_entries.Count >= capacity)
                    {
                        _entries.Clear();
                    }

                    _entries[key] = (value, time.GetUtcNow() + lifetime);
                }
            }
        }

        return value;
    }

    /// <summary>Runs a write of <paramref name="key"/>: no read that began before it ends can cache what it saw.</summary>
    public async Task<T> WriteAsync<T>(TKey key, Func<Task<T>> write)
    {
        Invalidate(key);
        try
        {
            return await write();
        }
        finally
        {
            Invalidate(key); // also after a failed write: it may have been stored all the same
        }
    }

    private void Invalidate(TKey key)
    {
        lock (_gate)
        {
            _entries.Remove(key);
            if (_invalidatedAt.Count >= capacity)
            {
                _invalidatedAt.Clear();
                _forgottenBefore = _clock + 1;
            }

            _invalidatedAt[key] = ++_clock;
        }
    }
}
