using Compacts.Domain.Ballots;
using Compacts.Domain.Reminders;

namespace Compacts.Domain.Tests.Ballots;

public class BallotMailTests
{
    private static readonly Ballot Ballot = BallotCountTests.Ballot(1, 0.5m, ["thanh-hoa", "ha-tinh"]); // closes 27 December 10:00 UTC
    private static readonly BallotTally Tally = BallotTally.Empty(Ballot).With(Ballot, "nghe-an", new VoteChoices(["ha-tinh"]));

    private static string[] Owed(BallotTally tally, bool closed, DateTimeOffset now) =>
        [.. BallotMail.Owed(Ballot, tally, closed, now).Select(m => $"{m.Kind} {m.UnitId}")];

    [Fact]
    public void The_opening_is_owed_to_every_unit_while_open_the_reminder_from_a_day_before_to_those_that_have_not_voted_and_then_the_result()
    {
        var electorate = Ballot.Electorate;

        Assert.Equal(electorate.Select(u => $"Opened {u}"), Owed(Tally, false, Ballot.ClosesAt.AddDays(-2)));
        Assert.Equal(electorate.Select(u => $"Opened {u}").Concat(electorate.Where(u => u != "nghe-an").Select(u => $"Closing {u}")),
            Owed(Tally, false, Ballot.ClosesAt.AddDays(-1)));
        Assert.Empty(Owed(Tally, false, Ballot.ClosesAt)); // counted as closed; the result comes with the close
        Assert.Equal(electorate.Select(u => $"Result {u}"), Owed(Tally, true, Ballot.ClosesAt));
        Assert.Equal("ballotClosing-suy-ton-2024", BallotMail.KindKey(BallotMailKind.Closing, "suy-ton-2024"));
    }

    [Fact]
    public void The_result_mail_gives_the_counts_and_the_elected_and_links_the_ballot_page()
    {
        var result = BallotCount.Compute(Ballot, Tally, null, null);
        var context = Mails.Context(Drafts.Valid());

        var mail = MailComposer.Compose(BallotMailKind.Result, Ballot, result, "quang-binh", context);
        var opened = MailComposer.Compose(BallotMailKind.Opened, Ballot, null, "quang-binh", context);

        Assert.Equal("[Kết quả bỏ phiếu] Suy tôn", mail.Subject);
        Assert.Contains("Kính gửi Công an tỉnh Quảng Bình,", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Số phiếu bầu: 1/5 đơn vị, trong đó 0 phiếu trống.", mail.Text, StringComparison.Ordinal);
        Assert.Contains("- Công an tỉnh Hà Tĩnh: 1 phiếu", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Đơn vị trúng: Công an tỉnh Hà Tĩnh.", mail.Text, StringComparison.Ordinal);
        Assert.Contains("nhiều hơn 50% số phiếu bầu", mail.Text, StringComparison.Ordinal);
        Assert.Contains("https://thidua.example.gov.vn/#/ballot/cum6-2024/suy-ton-2024", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Nghệ An", mail.Text, StringComparison.Ordinal); // the only voter is named nowhere
        Assert.Contains("Hạn bỏ phiếu: 17:00 ngày 27/12/2024", opened.Text, StringComparison.Ordinal);
    }
}
