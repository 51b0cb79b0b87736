using System.Collections.Concurrent;

namespace Compacts.Functions.Storage;

/// <summary>
/// A small in-process cache of rarely written entities (compacts, units, users) for <see cref="StorageOptions.CacheSeconds"/>.
/// A write through this instance removes its entry at once; other instances see it when their entry expires.
/// </summary>
public sealed class ReadCache<TKey, TValue>(TimeProvider time, TimeSpan lifetime, int capacity = 10_000)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, (TValue Value, DateTimeOffset Expires)> _entries = new();

    public bool TryGet(TKey key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Expires > time.GetUtcNow())
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            return;
        }

        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }

        _entries[key] = (value, time.GetUtcNow() + lifetime);
    }

    public void Remove(TKey key) => _entries.TryRemove(key, out _);
}
