namespace Compacts.Functions.Storage;

/// <summary>
/// An uploaded file on its way to storage: its first bytes (already read to recognise it) and the rest of the stream.
/// <see cref="Detected"/> is the type its bytes show (<see cref="FileFormat.Zip"/> for a Word or Excel candidate); <see cref="Declared"/>
/// the accepted type the client named, if any.
/// </summary>
public sealed record UploadedFile(byte[] Head, Stream Rest, string Detected, string? Declared)
{
    /// <summary>The file's bytes from the first, hashed and counted, stopping past <paramref name="limit"/>.</summary>
    public HashingLimitedStream Body(long limit) => new(Head, Rest, limit);
}
