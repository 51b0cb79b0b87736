namespace Compacts.Functions.Storage;

public sealed class BodyTooLargeException(long limit) : Exception($"The body is larger than {limit} bytes.")
{
    public long Limit { get; } = limit;
}
