using Compacts.Domain.Reminders;

namespace Compacts.Domain.Tests.Mail;

public class VietnameseTimeTests
{
    // Through the calendar, as the mails get their zone: a bare FindSystemTimeZoneById("Asia/Saigon") before the first
    // TimeZoneIds lookup would put the alias into the runtime's list of system zones, which TimeZoneIds reads.
    private static TimeZoneInfo Zone(string id) => new CompactCalendar(id, 2024, ReportingRules.Default).Zone;

    [Theory]
    [InlineData("Asia/Ho_Chi_Minh")]
    [InlineData("Asia/Saigon")]
    public void In_Vietnam_an_instant_reads_as_Vietnamese_time(string zone)
    {
        var fivePmHanoi = new DateTimeOffset(2024, 2, 5, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal("17:00 ngày 05/02/2024 (giờ Việt Nam)", VietnameseTime.Instant(fivePmHanoi, Zone(zone)));
        Assert.Equal("17:00 05/02/2024", VietnameseTime.ForSubject(fivePmHanoi, Zone(zone)));
    }

    [Theory]
    [InlineData("Asia/Tokyo", "2024-02-05T10:00:00Z", "19:00 ngày 05/02/2024 (giờ UTC+09:00)")]
    [InlineData("Asia/Kolkata", "2024-02-05T10:00:00Z", "15:30 ngày 05/02/2024 (giờ UTC+05:30)")]
    [InlineData("America/New_York", "2024-02-05T22:00:00Z", "17:00 ngày 05/02/2024 (giờ UTC-05:00)")]
    [InlineData("America/New_York", "2024-07-05T21:00:00Z", "17:00 ngày 05/07/2024 (giờ UTC-04:00)")]
    [InlineData("Etc/UTC", "2024-02-05T10:00:00Z", "10:00 ngày 05/02/2024 (giờ UTC+00:00)")]
    [InlineData("Asia/Bangkok", "2024-02-05T10:00:00Z", "17:00 ngày 05/02/2024 (giờ UTC+07:00)")]
    public void In_another_zone_the_offset_of_that_instant_is_written_never_the_zone_id(string zone, string instant, string expected)
    {
        var text = VietnameseTime.Instant(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), Zone(zone));

        Assert.Equal(expected, text);
        Assert.DoesNotContain(zone, text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_compact_in_another_zone_gets_mails_without_its_zone_id()
    {
        var compact = Drafts.Valid() with { TimeZone = "Asia/Tokyo" };

        var mail = MailComposer.Compose(new Notice(NoticeKind.Overdue, new Period(2024, 3), "nghe-an"), Mails.Context(compact), [], null);

        Assert.Contains("17:00 ngày 05/04/2024 (giờ UTC+09:00)", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Asia/Tokyo", mail.Text, StringComparison.Ordinal);
    }
}
