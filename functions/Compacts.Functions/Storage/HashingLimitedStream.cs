using Compacts.Functions.Streams;
using System.Security.Cryptography;

namespace Compacts.Functions.Storage;

/// <summary>
/// Reads a body once, front bytes first: hashes everything it passes on (SHA-256), counts it, and throws
/// <see cref="BodyTooLargeException"/> as soon as the count passes the limit, so the rest is never read.
/// </summary>
public sealed class HashingLimitedStream(byte[] head, Stream rest, long limit) : ForwardOnlyStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int _headOffset;

    public long Length64 => ReadSoFar;

    public string Sha256() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = FromHead(buffer.Span);
        if (read == 0)
        {
            read = await rest.ReadAsync(buffer, cancellationToken);
        }

        return Account(buffer.Span, read);
    }

    public override int Read(Span<byte> buffer) =>
        Account(buffer, FromHead(buffer) is var fromHead and > 0 ? fromHead : rest.Read(buffer));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>Copies what is left of the sniffed head bytes; 0 once they are all passed on.</summary>
    private int FromHead(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, head.Length - _headOffset);
        if (count <= 0)
        {
            return 0;
        }

        head.AsSpan(_headOffset, count).CopyTo(buffer);
        _headOffset += count;
        return count;
    }

    private int Account(ReadOnlySpan<byte> buffer, int read)
    {
        ReadSoFar += read;
        if (Length64 > limit)
        {
            throw new BodyTooLargeException(limit);
        }

        _hash.AppendData(buffer[..read]);
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
