namespace Compacts.Domain.Review;

/// <summary>Time as review counts it.</summary>
public static class ReviewClock
{
    /// <summary>The whole 24-hour periods from <paramref name="submittedAt"/> to <paramref name="now"/>; 0 when now is not later.</summary>
    public static int WaitingDays(DateTimeOffset submittedAt, DateTimeOffset now)
    {
        var waited = now - submittedAt;
        return waited <= TimeSpan.Zero ? 0 : (int)(waited.Ticks / TimeSpan.TicksPerDay);
    }
}
