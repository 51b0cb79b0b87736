using System.Security.Cryptography;

namespace Compacts.Functions.Reports;

/// <summary>An idempotency key with the hash of the request it came with.</summary>
public sealed record IdempotencyToken(string Key, string RequestHash)
{
    public string RowKeySuffix() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key)))[..40];
}
