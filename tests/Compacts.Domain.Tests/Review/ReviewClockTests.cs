using Compacts.Domain.Review;

namespace Compacts.Domain.Tests.Review;

public class ReviewClockTests
{
    private static readonly DateTimeOffset SubmittedAt = new(2024, 7, 3, 9, 0, 0, TimeSpan.FromHours(7));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(23 * 60 + 59, 0)]
    [InlineData(24 * 60, 1)]
    [InlineData(10 * 24 * 60 - 1, 9)]
    [InlineData(10 * 24 * 60, 10)]
    [InlineData(-5, 0)]
    public void Waiting_days_are_whole_24_hour_periods_never_negative(int minutes, int days) =>
        Assert.Equal(days, ReviewClock.WaitingDays(SubmittedAt, SubmittedAt.AddMinutes(minutes)));

    [Fact]
    public void Waiting_days_do_not_depend_on_the_offsets_the_instants_are_written_in()
    {
        var now = SubmittedAt.AddDays(2).AddHours(3);

        Assert.Equal(2, ReviewClock.WaitingDays(SubmittedAt.ToUniversalTime(), now.ToOffset(TimeSpan.FromHours(-5))));
    }
}
