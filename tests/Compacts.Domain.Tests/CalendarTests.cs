namespace Compacts.Domain.Tests;

public class CalendarTests
{
    private static readonly CompactCalendar Calendar = new(Drafts.Valid());

    [Fact]
    public void The_report_for_a_month_is_due_on_the_5th_of_the_next_month_at_17_00_Hanoi_time()
    {
        Assert.Equal(new DateTimeOffset(2024, 4, 5, 10, 0, 0, TimeSpan.Zero), Calendar.DueInstant(new Period(2024, 3)));
    }

    [Fact]
    public void The_December_report_is_due_in_January_of_the_next_year()
    {
        Assert.Equal(new DateTimeOffset(2025, 1, 5, 10, 0, 0, TimeSpan.Zero), Calendar.DueInstant(new Period(2024, 12)));
    }

    [Fact]
    public void A_report_received_at_the_due_instant_is_on_time_and_one_tick_later_is_late()
    {
        var due = Calendar.DueInstant(new Period(2024, 3));

        Assert.False(Calendar.IsLate(new Period(2024, 3), due));
        Assert.True(Calendar.IsLate(new Period(2024, 3), due.AddTicks(1)));
        Assert.False(Calendar.IsLate(new Period(2024, 3), due.AddHours(-1)));
    }

    [Fact]
    public void A_period_starts_at_local_midnight_on_the_first()
    {
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 17, 0, 0, TimeSpan.Zero), Calendar.PeriodStart(new Period(2024, 3)));
    }

    [Fact]
    public void Due_dates_follow_the_compacts_own_time_zone()
    {
        var paris = new CompactCalendar(Drafts.Valid() with { TimeZone = "Europe/Paris" });

        // 5 April 17:00 in Paris is summer time (UTC+2); 5 January is winter time (UTC+1).
        Assert.Equal(new DateTimeOffset(2024, 4, 5, 15, 0, 0, TimeSpan.Zero), paris.DueInstant(new Period(2024, 3)));
        Assert.Equal(new DateTimeOffset(2025, 1, 5, 16, 0, 0, TimeSpan.Zero), paris.DueInstant(new Period(2024, 12)));
    }

    [Theory]
    [InlineData("2024-01", true)]
    [InlineData("2024-12", true)]
    [InlineData("2024-13", false)]
    [InlineData("2024-00", false)]
    [InlineData("2024-1", false)]
    [InlineData("24-01", false)]
    [InlineData("2024/01", false)]
    [InlineData("+024-01", false)]
    [InlineData("", false)]
    public void Periods_are_written_YYYY_MM(string text, bool valid)
    {
        Assert.Equal(valid, Period.TryParse(text, out _));
    }

    [Theory]
    [InlineData("thanh-hoa", true)]
    [InlineData("c4", true)]
    [InlineData("Thanh-Hoa", false)]
    [InlineData("thanh_hoa", false)]
    [InlineData("../x", false)]
    [InlineData("a%2Fb", false)]
    [InlineData("thanh-hoа", false)] // Cyrillic 'а'
    [InlineData("", false)]
    [InlineData("q1\n", false)]
    [InlineData("q1\r\n", false)]
    [InlineData("q1\t", false)]
    public void Ids_are_lower_case_ascii_letters_digits_and_dashes(string id, bool valid)
    {
        Assert.Equal(valid, Identifiers.IsValidId(id));
        Assert.False(Identifiers.IsValidId(new string('a', 65)));
    }

    [Fact]
    public void A_due_time_inside_a_daylight_saving_gap_is_read_with_the_offset_before_the_gap()
    {
        // New York, 10 March 2024: 02:00 EST jumps to 03:00 EDT. 02:30 does not exist; read at −05:00 it is 07:30Z (03:30 EDT).
        var newYork = new CompactCalendar("America/New_York", 2024, ReportingRules.Default with { DueDay = 10, DueTime = new TimeOnly(2, 30) });

        Assert.Equal(new DateTimeOffset(2024, 3, 10, 7, 30, 0, TimeSpan.Zero), newYork.DueInstant(new Period(2024, 2)));
    }

    [Fact]
    public void A_due_time_in_a_repeated_hour_is_its_first_occurrence()
    {
        // New York, 3 November 2024: 01:00–02:00 happens twice, first at −04:00 (EDT): 01:30 EDT is 05:30Z.
        var newYork = new CompactCalendar("America/New_York", 2024, ReportingRules.Default with { DueDay = 3, DueTime = new TimeOnly(1, 30) });

        Assert.Equal(new DateTimeOffset(2024, 11, 3, 5, 30, 0, TimeSpan.Zero), newYork.DueInstant(new Period(2024, 10)));
    }

    [Theory]
    [InlineData("can-bo@nghe-an.vn\n")]
    [InlineData("can-bo@nghe-an.vn\r\n")]
    [InlineData("\u212Ae-toan@nghe-an.vn")] // the Kelvin sign, which full case mapping lower-cases to 'k'
    public void User_ids_and_emails_end_where_the_address_ends_and_are_ASCII(string value)
    {
        Assert.False(Identifiers.IsValidUserId(value));
        Assert.False(Identifiers.IsValidEmail(value));
        Assert.False(Identifiers.IsValidUserId(Identifiers.ToLowerAscii(value)));
    }

    [Fact]
    public void Ids_are_lower_cased_with_ASCII_mapping_only()
    {
        Assert.Equal("can-bo@nghe-an.vn", Identifiers.ToLowerAscii("Can-Bo@NGHE-AN.vn"));
        Assert.Equal("\u212Ae-toan", Identifiers.ToLowerAscii("\u212Ae-TOAN"));
        Assert.Equal("đ", Identifiers.ToLowerAscii("đ"));
    }

    [Theory]
    [InlineData("Asia/Ho_Chi_Minh", true)]
    [InlineData("Europe/Paris", true)]
    [InlineData("UTC", true)]
    [InlineData("Etc/UTC", true)]
    [InlineData("Etc/GMT+7", true)]
    [InlineData("Asia", false)]
    [InlineData("Etc", false)]
    [InlineData("posix", false)]
    [InlineData("localtime", false)]
    [InlineData("Factory", false)]
    [InlineData("asia/ho_chi_minh", false)]
    [InlineData("Asia//Ho_Chi_Minh", false)]
    [InlineData("posix/Asia/Ho_Chi_Minh", false)]
    [InlineData("Etc/../Asia/Ho_Chi_Minh", false)]
    [InlineData("Asia/Ho_Chi_Minh\n", false)]
    [InlineData("SE Asia Standard Time", false)]
    [InlineData("", false)]
    public void Time_zones_are_canonical_IANA_zone_ids_spelled_exactly(string id, bool valid)
    {
        TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh"); // cached: the runtime's lookup is then case-insensitive

        Assert.Equal(valid, TimeZoneIds.TryFind(id, out var zone));
        Assert.Equal(valid, CompactCalendar.TryFindTimeZone(id, out _));
        Assert.Equal(valid ? id : null, zone?.Id);
        Assert.Equal(valid, CompactValidator.Validate(Drafts.Compact() with { TimeZone = id }).Errors.IsEmpty);
    }

    [Fact]
    public void A_stored_compact_with_a_zone_alias_still_has_a_calendar_though_new_compacts_may_not_use_it()
    {
        var saigon = new CompactCalendar("Asia/Saigon", 2024, ReportingRules.Default);

        Assert.Equal(new DateTimeOffset(2024, 4, 5, 10, 0, 0, TimeSpan.Zero), saigon.DueInstant(new Period(2024, 3)));
        Assert.False(CompactCalendar.TryFindTimeZone("Asia/Saigon", out _));
    }
}
