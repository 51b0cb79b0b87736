using Compacts.Domain.Ballots;

namespace Compacts.Domain.Tests.Ballots;

/// <summary>Counts worked out by hand.</summary>
public class BallotCountTests
{
    private static readonly string[] Units = ["thanh-hoa", "ninh-binh", "nghe-an", "ha-tinh", "quang-binh"];

    internal static Ballot Ballot(int seats, decimal threshold = 0.5m, string[]? candidates = null) => new(
        "suy-ton-2024", "Suy tôn", seats, candidates ?? Units, new DateTimeOffset(2024, 12, 27, 10, 0, 0, TimeSpan.Zero), false, threshold, Units,
        new DateTimeOffset(2024, 12, 20, 2, 0, 0, TimeSpan.Zero), "thu-ky@cum6.vn");

    private static BallotTally Tally(Ballot ballot, int blank, params int[] counts) =>
        new([.. Units.Order(StringComparer.Ordinal)], blank, counts.Length == ballot.Candidates.Count ? counts : throw new ArgumentException("one count per candidate"));

    private static BallotTally Tally(Ballot ballot, int cast, int blank, int[] counts) =>
        new([.. Enumerable.Range(0, cast).Select(i => $"u{i:D3}")], blank, counts);

    private static readonly Dictionary<string, int> December = new() { ["ha-tinh"] = 1, ["thanh-hoa"] = 2, ["nghe-an"] = 3, ["ninh-binh"] = 4 }; // quang-binh not ranked

    [Fact]
    public void More_than_half_of_five_ballots_elects()
    {
        var ballot = Ballot(1);
        var result = BallotCount.Compute(ballot, Tally(ballot, 0, 3, 0, 1, 1, 0), December, "run-12");

        Assert.Equal(["thanh-hoa"], result.Elected);
        Assert.Null(result.Tie);
        Assert.Equal((5, 0, "run-12"), (result.Cast, result.Blank, result.RankRunId));
        Assert.Equal(3, result.Counts["thanh-hoa"]);
    }

    [Fact]
    public void Exactly_half_is_not_more_than_half()
    {
        var ballot = Ballot(1);

        var result = BallotCount.Compute(ballot, Tally(ballot, 4, 0, [2, 1, 1, 0, 0]), December, "run-12"); // 2 of 4

        Assert.Empty(result.Elected);
        Assert.Null(result.Tie);
    }

    [Fact]
    public void The_threshold_is_compared_in_exact_decimals()
    {
        // 2/3 written as 0.666667: 2 of 3 is 0.6666…, not above; 0.666666 × 3 = 1.999998 < 2, above.
        var high = Ballot(1, 0.666667m);
        var low = Ballot(1, 0.666666m);

        Assert.Empty(BallotCount.Compute(high, Tally(high, 3, 0, [2, 1, 0, 0, 0]), null, null).Elected);
        Assert.Equal(["thanh-hoa"], BallotCount.Compute(low, Tally(low, 3, 0, [2, 1, 0, 0, 0]), null, null).Elected);
    }

    [Fact]
    public void Blank_ballots_count_as_cast()
    {
        var ballot = Ballot(1);

        var result = BallotCount.Compute(ballot, Tally(ballot, 2, 0, 0, 3, 0, 0), December, null); // 3 of 5, two blank

        Assert.Equal(["nghe-an"], result.Elected);
        Assert.Equal(2, result.Blank);
    }

    [Fact]
    public void A_ballot_with_no_votes_elects_nobody_even_at_threshold_zero()
    {
        var ballot = Ballot(2, 0m);

        var result = BallotCount.Compute(ballot, Tally(ballot, 0, 0, [0, 0, 0, 0, 0]), December, null);

        Assert.Equal((0, 0), (result.Cast, result.Blank));
        Assert.Empty(result.Elected);
        Assert.Null(result.Tie);
    }

    [Fact]
    public void At_most_seats_are_elected_by_votes()
    {
        var ballot = Ballot(2, 0.2m);

        var result = BallotCount.Compute(ballot, Tally(ballot, 0, 4, 2, 3, 1, 0), December, null); // each of 5 voters named two

        Assert.Equal(["thanh-hoa", "nghe-an"], result.Elected);
        Assert.Null(result.Tie);
    }

    [Fact]
    public void A_tie_for_the_last_seat_goes_to_the_better_December_rank()
    {
        var ballot = Ballot(2, 0.2m);

        // nghe-an 4 is elected; thanh-hoa (rank 2) and ha-tinh (rank 1) tie at 3 for the second seat.
        var result = BallotCount.Compute(ballot, Tally(ballot, 0, 3, 0, 4, 3, 0), December, "run-12");

        Assert.Equal(["nghe-an", "ha-tinh"], result.Elected);
        Assert.Null(result.Tie);
    }

    [Fact]
    public void A_candidate_without_a_rank_comes_after_every_ranked_one()
    {
        var ballot = Ballot(1, 0.2m);

        var result = BallotCount.Compute(ballot, Tally(ballot, 1, 0, 2, 0, 0, 2), December, "run-12"); // ninh-binh rank 4, quang-binh unranked

        Assert.Equal(["ninh-binh"], result.Elected);
    }

    [Fact]
    public void Candidates_still_tied_leave_the_seat_empty_and_are_listed()
    {
        var ballot = Ballot(1, 0.2m);
        var equalRanks = new Dictionary<string, int> { ["thanh-hoa"] = 1, ["ninh-binh"] = 1 };

        var noRun = BallotCount.Compute(ballot, Tally(ballot, 1, 2, 2, 0, 0, 0), null, null);
        var sameRank = BallotCount.Compute(ballot, Tally(ballot, 1, 2, 2, 0, 0, 0), equalRanks, "run-12");
        var bothUnranked = BallotCount.Compute(ballot, Tally(ballot, 1, 0, 2, 0, 0, 2), December, "run-12"); // quang-binh unranked, ninh-binh 4

        Assert.Empty(noRun.Elected);
        Assert.Equal(["thanh-hoa", "ninh-binh"], noRun.Tie);
        Assert.Empty(sameRank.Elected);
        Assert.Equal(["thanh-hoa", "ninh-binh"], sameRank.Tie);
        Assert.Equal(["ninh-binh"], bothUnranked.Elected);
    }

    [Fact]
    public void With_two_seats_a_three_way_tie_elects_the_best_ranked_and_lists_the_rest_if_they_tie_again()
    {
        var ballot = Ballot(2, 0.2m);
        var ranks = new Dictionary<string, int> { ["thanh-hoa"] = 1, ["ninh-binh"] = 2, ["nghe-an"] = 2 };

        var result = BallotCount.Compute(ballot, Tally(ballot, 0, 3, 3, 3, 1, 0), ranks, "run-12");

        Assert.Equal(["thanh-hoa"], result.Elected);
        Assert.Equal(["ninh-binh", "nghe-an"], result.Tie);
    }

    [Fact]
    public void Candidates_are_counted_only_among_the_ballots_candidates()
    {
        var ballot = Ballot(1, 0.5m, ["thanh-hoa", "ha-tinh"]);

        var result = BallotCount.Compute(ballot, Tally(ballot, 5, 1, [1, 3]), December, null);

        Assert.Equal(new Dictionary<string, int> { ["thanh-hoa"] = 1, ["ha-tinh"] = 3 }, result.Counts);
        Assert.Equal(["ha-tinh"], result.Elected);
    }
}
