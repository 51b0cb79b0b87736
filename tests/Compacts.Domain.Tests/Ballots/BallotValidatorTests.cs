using Compacts.Domain.Ballots;

namespace Compacts.Domain.Tests.Ballots;

public class BallotValidatorTests
{
    // Members: thanh-hoa (head), nghe-an, ha-tinh.
    private static readonly Compact Compact = Drafts.Valid();
    private static readonly DateTimeOffset Now = new(2024, 12, 20, 2, 0, 0, TimeSpan.Zero);

    private static BallotDraft Draft(
        string? ballotId = "suy-ton-2024", string? title = "Suy tôn đơn vị dẫn đầu", int? seats = 1, IReadOnlyList<string?>? candidates = null,
        string? closesAt = "2024-12-27T17:00:00+07:00", bool? allowSelfVote = null, string? threshold = null) =>
        new(ballotId, title, seats, candidates, closesAt, allowSelfVote, threshold is null ? null : new NumberLiteral(threshold));

    private static Ballot Valid(BallotDraft draft)
    {
        var (ballot, errors) = BallotValidator.Validate(draft, Compact, Now, "thu-ky@cum6.vn");
        Assert.True(errors.IsEmpty, string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(",", e.Value)}")));
        return ballot!;
    }

    private static string[] Fields(BallotDraft draft)
    {
        var (ballot, errors) = BallotValidator.Validate(draft, Compact, Now, "thu-ky@cum6.vn");
        Assert.Null(ballot);
        return [.. errors.ToDictionary().Keys.Order(StringComparer.Ordinal)];
    }

    [Fact]
    public void Without_candidates_every_member_is_one_and_the_defaults_apply()
    {
        var ballot = Valid(Draft());

        Assert.Equal(["thanh-hoa", "nghe-an", "ha-tinh"], ballot.Candidates);
        Assert.Equal(["thanh-hoa", "nghe-an", "ha-tinh"], ballot.Electorate);
        Assert.False(ballot.AllowSelfVote);
        Assert.Equal(0.5m, ballot.Threshold);
        Assert.Equal(new DateTimeOffset(2024, 12, 27, 10, 0, 0, TimeSpan.Zero), ballot.ClosesAt);
        Assert.Equal((Now, "thu-ky@cum6.vn"), (ballot.OpenedAt, ballot.OpenedBy));
    }

    [Fact]
    public void The_threshold_is_read_exactly_from_its_digits()
    {
        Assert.Equal(0.666667m, Valid(Draft(threshold: "0.666667")).Threshold);
        Assert.Equal(0m, Valid(Draft(threshold: "0")).Threshold);
        Assert.Equal(["threshold"], Fields(Draft(threshold: "1")));
        Assert.Equal(["threshold"], Fields(Draft(threshold: "-0.1")));
        Assert.Equal(["threshold"], Fields(Draft(threshold: "0.6666666"))); // 7 digits after the point
    }

    [Fact]
    public void Seats_lie_between_one_and_the_number_of_candidates()
    {
        Assert.Equal(2, Valid(Draft(seats: 2, candidates: ["nghe-an", "ha-tinh"])).Seats);
        Assert.Equal(["seats"], Fields(Draft(seats: 3, candidates: ["nghe-an", "ha-tinh"])));
        Assert.Equal(["seats"], Fields(Draft(seats: 0)));
        Assert.Equal(["seats"], Fields(Draft(seats: null)));
    }

    [Fact]
    public void Candidates_are_members_each_named_once_and_at_least_one()
    {
        Assert.Equal(["candidates"], Fields(Draft(candidates: [])));
        Assert.Equal(["candidates[1]"], Fields(Draft(candidates: ["nghe-an", "da-nang"])));
        Assert.Equal(["candidates[1]"], Fields(Draft(candidates: ["nghe-an", "nghe-an"])));
        Assert.Equal(["candidates[0]"], Fields(Draft(candidates: [null])));
    }

    [Fact]
    public void ClosesAt_is_an_instant_with_an_offset_in_the_future()
    {
        Assert.Equal(["closesAt"], Fields(Draft(closesAt: "2024-12-20T09:00:00+07:00"))); // exactly now
        Assert.Equal(["closesAt"], Fields(Draft(closesAt: "2024-12-27T17:00:00"))); // no offset
        Assert.Equal(["closesAt"], Fields(Draft(closesAt: null)));
        Assert.Equal(Now.AddSeconds(1), Valid(Draft(closesAt: "2024-12-20T02:00:01Z")).ClosesAt);
    }

    [Fact]
    public void Id_and_title_are_required_and_every_problem_is_reported_at_once()
    {
        Assert.Equal(["ballotId", "closesAt", "seats", "title"], Fields(Draft(ballotId: "Suy Ton", title: "  ", seats: 5, closesAt: "mai")));
        Assert.Equal(["title"], Fields(Draft(title: new string('x', 301))));
        Assert.Equal(["title"], Fields(Draft(title: "Suy tôn\u0000")));
    }

    private static readonly Ballot TwoSeats = Valid(Draft(seats: 2));

    /// <summary>The choices kept ("a,b"; "" for a blank ballot), or the fields refused ("! f1 f2").</summary>
    private static string Vote(Ballot ballot, string unitId, params string?[]? choices)
    {
        var (vote, errors) = BallotValidator.ValidateVote(ballot, unitId, choices);
        return vote is not null ? string.Join(",", vote.Candidates) : "! " + string.Join(" ", errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_vote_names_up_to_seats_distinct_candidates_kept_in_candidate_order()
    {
        Assert.Equal("thanh-hoa,ha-tinh", Vote(TwoSeats, "nghe-an", "ha-tinh", "thanh-hoa"));
        Assert.Equal("", Vote(TwoSeats, "nghe-an")); // blank
        Assert.Equal("! choices choices[2]", Vote(TwoSeats, "nghe-an", "ha-tinh", "thanh-hoa", "ha-tinh"));
        Assert.Equal("! choices[1]", Vote(TwoSeats, "nghe-an", "ha-tinh", "ha-tinh"));
        Assert.Equal("! choices[0]", Vote(TwoSeats, "nghe-an", "da-nang"));
        Assert.Equal("! choices[0]", Vote(TwoSeats, "nghe-an", [null]));
        Assert.Equal("! choices", Vote(TwoSeats, "nghe-an", null));
    }

    [Fact]
    public void A_self_vote_is_refused_unless_the_ballot_allows_it()
    {
        Assert.Equal("! choices[0]", Vote(TwoSeats, "nghe-an", "nghe-an"));
        Assert.Equal("nghe-an", Vote(Valid(Draft(allowSelfVote: true)), "nghe-an", "nghe-an"));
    }

    [Fact]
    public void A_tally_counts_each_unit_once_and_keeps_the_roll_sorted()
    {
        var tally = BallotTally.Empty(TwoSeats)
            .With(TwoSeats, "thanh-hoa", new VoteChoices(["nghe-an", "ha-tinh"]))
            .With(TwoSeats, "ha-tinh", new VoteChoices([]))
            .With(TwoSeats, "nghe-an", new VoteChoices(["ha-tinh"]));

        Assert.Equal(["ha-tinh", "nghe-an", "thanh-hoa"], tally.Voted);
        Assert.Equal((3, 1), (tally.Cast, tally.Blank));
        Assert.Equal([0, 1, 2], tally.Counts);
        Assert.True(tally.EveryoneVoted(TwoSeats));
        Assert.Throws<InvalidOperationException>(() => tally.With(TwoSeats, "nghe-an", new VoteChoices([])));
    }

    [Fact]
    public void Admins_do_not_vote_and_only_units_of_the_electorate_do()
    {
        Assert.True(BallotAccess.MayVote(new Caller("a@nghe-an.vn", false, "nghe-an"), TwoSeats));
        Assert.False(BallotAccess.MayVote(new Caller("a@da-nang.vn", false, "da-nang"), TwoSeats));
        Assert.False(BallotAccess.MayVote(new Caller("thu-ky@cum6.vn", true, null), TwoSeats));
        Assert.False(BallotAccess.MayVote(new Caller("thu-ky@cum6.vn", true, "nghe-an"), TwoSeats));
    }
}
