namespace Compacts.Functions.Storage;

/// <summary>The keys the tables share: a compact's month partition and the key range of a prefix.</summary>
public static class TableKeys
{
    /// <summary>The partition of one compact's month, <c>{compactId}_{period}</c> (reports, standings, mail).</summary>
    public static string MonthPartition(string compactId, Period period) => $"{compactId}_{period}";

    /// <summary>
    /// The keys that start with <paramref name="prefix"/>: from the prefix (inclusive) to the prefix with its last character
    /// replaced by the next one (exclusive), e.g. <c>cur_</c> .. <c>cur`</c> ('`' follows '_'); Azure Tables has no "starts with".
    /// </summary>
    public static (string From, string To) PrefixRange(string prefix) => (prefix, prefix[..^1] + (char)(prefix[^1] + 1));
}
