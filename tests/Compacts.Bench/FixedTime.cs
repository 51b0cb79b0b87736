namespace Compacts.Bench;

/// <summary>A clock that stands still at <paramref name="now"/> until <see cref="Set"/> moves it.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Set(DateTimeOffset instant) => _now = instant;
}
