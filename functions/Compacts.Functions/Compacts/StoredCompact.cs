namespace Compacts.Functions.Compacts;

public sealed record StoredCompact(string CompactId, Compact Compact, string ETag);
