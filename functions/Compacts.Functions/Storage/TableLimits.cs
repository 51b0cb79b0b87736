namespace Compacts.Functions.Storage;

/// <summary>
/// Limits the Azure Table service enforces and Azurite does not ("Understanding the Table service data model"), measured as
/// Azure measures them: an entity is at most 1 MiB, where its size is 4 + 2 × (length of PartitionKey + RowKey) + the sum over
/// its properties of 8 + 2 × (length of the name) + the value's size (string 4 + 2 × length, binary 4 + length, DateTime, Double
/// and Int64 8, Guid 16, Int32 4, Boolean 1); a string is at most 64 KiB (32K UTF-16 characters), binary at most 64 KiB; an
/// entity has at most 255 properties (PartitionKey, RowKey and Timestamp included); a key is at most 1 KiB (512 UTF-16
/// characters) without '/', '\', '#', '?' or the control characters U+0000–U+001F and U+007F–U+009F.
/// </summary>
public static class TableLimits
{
    public const int MaxEntityBytes = 1024 * 1024;
    public const int MaxStringChars = 32 * 1024;
    public const int MaxBinaryBytes = 64 * 1024;
    public const int MaxKeyChars = 512;
    public const int MaxProperties = 255;

    /// <summary>A long text is split into properties of this many characters (under <see cref="MaxStringChars"/>).</summary>
    public const int ChunkChars = 30_000;

    private const int TimestampBytes = 8 + (2 * 9) + 8; // the service's own Timestamp property

    /// <summary>The entity's size as Azure counts it, the Timestamp the service adds included.</summary>
    public static long EntityBytes(TableEntity entity)
    {
        long size = 4 + (2L * (entity.PartitionKey.Length + entity.RowKey.Length)) + TimestampBytes;
        foreach (var (name, value) in CustomProperties(entity))
        {
            size += 8 + (2L * name.Length) + ValueBytes(value);
        }

        return size;
    }

    /// <summary>What Azure would refuse in this entity, or null when it would store it.</summary>
    public static string? Problem(TableEntity entity)
    {
        if ((KeyProblem("PartitionKey", entity.PartitionKey) ?? KeyProblem("RowKey", entity.RowKey)) is { } key)
        {
            return key;
        }

        var properties = CustomProperties(entity).ToList();
        if (properties.Count + 3 > MaxProperties)
        {
            return $"{properties.Count + 3} properties; at most {MaxProperties}";
        }

        foreach (var (name, value) in properties)
        {
            if (value is string text && text.Length > MaxStringChars)
            {
                return $"property {name} holds {text.Length} characters; a string holds at most {MaxStringChars}";
            }

            if (value is byte[] or BinaryData && ValueBytes(value) - 4 > MaxBinaryBytes)
            {
                return $"property {name} holds {ValueBytes(value) - 4} bytes; binary holds at most {MaxBinaryBytes}";
            }
        }

        var size = EntityBytes(entity);
        return size > MaxEntityBytes ? $"the entity is {size} bytes; at most {MaxEntityBytes}" : null;
    }

    public static string? KeyProblem(string name, string key)
    {
        if (key.Length > MaxKeyChars)
        {
            return $"{name} is {key.Length} characters; at most {MaxKeyChars}";
        }

        var bad = key.IndexOfAny(['/', '\\', '#', '?']);
        if (bad < 0)
        {
            bad = key.AsSpan().IndexOfAnyInRange('\u0000', '\u001f');
        }

        if (bad < 0)
        {
            bad = key.AsSpan().IndexOfAnyInRange('\u007f', '\u009f');
        }

        return bad < 0 ? null : $"{name} holds U+{(int)key[bad]:X4}, which a key may not";
    }

    /// <summary>Stores <paramref name="text"/> as <paramref name="name"/>0..n, each under the string limit (replacing an earlier text's chunks).</summary>
    public static void SetChunked(TableEntity entity, string name, string text)
    {
        for (var i = 0; entity.ContainsKey($"{name}{i}"); i++)
        {
            entity.Remove($"{name}{i}");
        }

        for (var i = 0; i == 0 || i * ChunkChars < text.Length; i++)
        {
            entity[$"{name}{i}"] = text.Substring(i * ChunkChars, Math.Min(ChunkChars, text.Length - (i * ChunkChars)));
        }
    }

    /// <summary>The text stored by <see cref="SetChunked"/>, or in the single property <paramref name="name"/> (older rows).</summary>
    public static string? GetChunked(TableEntity entity, string name)
    {
        if (entity.GetString($"{name}0") is not { } first)
        {
            return entity.GetString(name);
        }

        var text = new StringBuilder(first);
        for (var i = 1; entity.GetString($"{name}{i}") is { } chunk; i++)
        {
            text.Append(chunk);
        }

        return text.ToString();
    }

    private static IEnumerable<KeyValuePair<string, object>> CustomProperties(TableEntity entity) =>
        entity.Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag") && p.Value is not null);

    private static long ValueBytes(object value) => value switch
    {
        string s => 4 + (2L * s.Length),
        byte[] b => 4 + b.Length,
        BinaryData d => 4 + d.ToMemory().Length,
        bool => 1,
        int => 4,
        Guid => 16,
        _ => 8, // DateTime, DateTimeOffset, double, long
    };
}
