namespace Compacts.Domain.Tests;

public class ReportReceiptTests
{
    private static readonly CompactCalendar Calendar = new(Drafts.Valid());
    private static readonly Period March = new(2024, 3);
    private static readonly DateTimeOffset Now = new(2024, 4, 3, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Paper = new(2024, 4, 2, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_admin_given_receipt_time_is_kept_and_marked_given()
    {
        Assert.Equal((Paper, true), ReportReceipt.ReceivedAt(callerIsAdmin: true, Paper, Now));
    }

    [Fact]
    public void A_reporter_given_receipt_time_is_ignored_for_the_server_clock()
    {
        Assert.Equal((Now, false), ReportReceipt.ReceivedAt(callerIsAdmin: false, Paper, Now));
    }

    [Fact]
    public void A_receipt_time_in_the_future_is_refused()
    {
        var errors = new ValidationErrors();
        ReportReceipt.Validate(Calendar, "Asia/Ho_Chi_Minh", March, Now.AddTicks(1), requested: true, Now, errors);
        Assert.Contains("receivedAt", errors.ToDictionary().Keys);
    }

    [Fact]
    public void A_report_received_before_its_month_began_is_refused_on_the_field_that_caused_it()
    {
        var before = Calendar.PeriodStart(March).AddTicks(-1);
        var given = new ValidationErrors();
        ReportReceipt.Validate(Calendar, "Asia/Ho_Chi_Minh", March, before, requested: true, Now, given);
        var clock = new ValidationErrors();
        ReportReceipt.Validate(Calendar, "Asia/Ho_Chi_Minh", March, before, requested: false, Now, clock);
        Assert.Equal(["receivedAt"], given.ToDictionary().Keys);
        Assert.Equal(["period"], clock.ToDictionary().Keys);
    }

    [Fact]
    public void A_receipt_time_at_the_month_start_is_accepted()
    {
        var errors = new ValidationErrors();
        ReportReceipt.Validate(Calendar, "Asia/Ho_Chi_Minh", March, Calendar.PeriodStart(March), requested: true, Now, errors);
        Assert.True(errors.IsEmpty);
    }

    [Fact]
    public void The_server_clock_never_stores_a_time_before_the_previous_revision()
    {
        Assert.Equal(Now, ReportReceipt.NeverBefore(Paper, given: false, previous: Now));
        Assert.Equal(Paper, ReportReceipt.NeverBefore(Paper, given: true, previous: Now));
        Assert.Equal(Now, ReportReceipt.NeverBefore(Now, given: false, previous: null));
    }

    [Fact]
    public void Only_a_given_time_before_the_previous_revision_goes_back()
    {
        Assert.True(ReportReceipt.GoesBack(Paper, given: true, previous: Now));
        Assert.False(ReportReceipt.GoesBack(Paper, given: false, previous: Now));
        Assert.False(ReportReceipt.GoesBack(Now, given: true, previous: null));
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("3f2b-key_~!", true)]
    [InlineData("", false)]
    [InlineData("two,keys", false)]
    [InlineData("with space", false)]
    [InlineData("khóa", false)]
    public void An_idempotency_key_is_visible_ASCII_without_commas(string key, bool valid)
    {
        Assert.Equal(valid, ReportReceipt.IsValidIdempotencyKey(key));
    }

    [Fact]
    public void An_idempotency_key_of_200_characters_is_accepted_and_201_refused()
    {
        Assert.True(ReportReceipt.IsValidIdempotencyKey(new string('k', 200)));
        Assert.False(ReportReceipt.IsValidIdempotencyKey(new string('k', 201)));
    }

    [Fact]
    public void The_same_request_is_who_sent_which_media_type_and_which_bytes()
    {
        Assert.Equal("a@b.vn|application/json|ab12", ReportReceipt.RequestHash("a@b.vn", "application/json", "ab12"));
        Assert.NotEqual(ReportReceipt.RequestHash("a@b.vn", "application/json", "ab12"), ReportReceipt.RequestHash("c@b.vn", "application/json", "ab12"));
    }
}
