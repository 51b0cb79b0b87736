namespace Compacts.Functions.Tests.Infrastructure;

/// <summary>The system clock moved by a fixed offset: it runs (unlike a fake clock) from another instant.</summary>
public sealed class ShiftedTime(TimeSpan offset) : TimeProvider
{
    public static ShiftedTime From(DateTimeOffset start) => new(start - System.GetUtcNow());

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
}
