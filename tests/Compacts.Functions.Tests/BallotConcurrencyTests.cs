using System.Diagnostics;
using Compacts.Functions.Ballots;
using Xunit.Abstractions;

namespace Compacts.Functions.Tests;

/// <summary>
/// Votes at once (Task.WhenAll, no sleeps) on the one tally entity: each unit's ballot is counted once, whatever races it, and no count is
/// lost: the counts add up to the choices of the ballots on the roll.
/// </summary>
public sealed class BallotConcurrencyTests(ITestOutputHelper output) : SeededAppTests
{
    [Fact]
    public async Task Twenty_parallel_attempts_of_each_of_five_units_count_exactly_one_ballot_per_unit()
    {
        Assert.Equal(201, (await App.OpenBallot(Principals.Admin, BallotCalls.OpenBody(candidates: ["thanh-hoa", "nghe-an", "ha-tinh"], allowSelfVote: true))).Status);
        var choice = new Dictionary<string, string>
        {
            ["thanh-hoa"] = "nghe-an", ["ninh-binh"] = "thanh-hoa", ["nghe-an"] = "nghe-an", ["ha-tinh"] = "thanh-hoa", ["quang-binh"] = "ha-tinh",
        };

        var answers = await Task.WhenAll(TestApp.Units.SelectMany(unit => Enumerable.Range(0, 20).Select(async _ => (unit, (await App.VoteFor(unit, choice[unit])).Status))));
        var ballot = await App.GetBallot(Principals.Admin);

        foreach (var unit in TestApp.Units)
        {
            var statuses = answers.Where(a => a.unit == unit).Select(a => a.Status).ToList();
            Assert.Equal(1, statuses.Count(s => s == 204));
            Assert.Equal(19, statuses.Count(s => s == 409));
        }

        Assert.True(ballot.Json.GetProperty("closed").GetBoolean()); // the fifth unit's vote closed it
        Assert.Equal(5, ballot.Json.GetProperty("result").GetProperty("cast").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["thanh-hoa"] = 2, ["nghe-an"] = 2, ["ha-tinh"] = 1 }, ballot.Counts());
    }

    [Fact]
    public async Task Two_hundred_units_voting_at_once_lose_no_count()
    {
        const int Units = 200;
        var units = Enumerable.Range(0, Units).Select(i => $"u{i:D3}").ToArray();
        var users = App.Get<Users.UserStore>();
        await Parallel.ForEachAsync(units, async (unit, ct) => await users.PutAsync(new Domain.User($"can-bo@{unit}.vn", unit, ""), ct));
        var (compact, errors) = CompactValidator.Validate(LargeCompact(units));
        Assert.True(errors.IsEmpty);
        await App.Get<Compacts.CompactStore>().PutAsync("cum-200", compact!, null, false, default);
        var candidates = units[..10];
        Assert.Equal(201, (await App.OpenBallot(Principals.Admin, BallotCalls.OpenBody(seats: 2, candidates: candidates, allowSelfVote: true, threshold: 0.1), "cum-200")).Status);
        string[] Choices(int i) => i % 3 == 0 ? [] : [candidates[i % 10], candidates[(i + 1) % 10]];

        var clock = Stopwatch.StartNew();
        var statuses = await Task.WhenAll(units.Select(async (unit, i) =>
            (await App.Vote(ClientPrincipal.Encode($"can-bo@{unit}.vn"), new { choices = Choices(i) }, compactId: "cum-200")).Status));
        clock.Stop();
        var result = (await App.GetBallot(Principals.Admin, compactId: "cum-200")).Json.GetProperty("result");

        Assert.All(statuses, s => Assert.Equal(204, s));
        var expected = candidates.ToDictionary(c => c, c => Enumerable.Range(0, Units).Count(i => Choices(i).Contains(c)));
        var counts = result.GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(expected, counts);
        Assert.Equal(Enumerable.Range(0, Units).Sum(i => Choices(i).Length), counts.Values.Sum());
        Assert.Equal((Units, Enumerable.Range(0, Units).Count(i => i % 3 == 0)), (result.GetProperty("cast").GetInt32(), result.GetProperty("blank").GetInt32()));
        Assert.Equal(Units, (await App.Get<BallotStore>().GetAsync("cum-200", BallotCalls.BallotId, default))!.Tally.Voted.Count);
        output.WriteLine($"200 simultaneous votes stored in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>A compact of <paramref name="units"/> (the first is the head) with one qualitative criterion.</summary>
    public static CompactDraft LargeCompact(string[] units) => new(
        "Giao ước thi đua năm 2024", "Cụm thi đua lớn", 2024, "Asia/Ho_Chi_Minh", "2024-03-14",
        [.. units.Select((u, i) => new MemberDraft(u, i == 0 ? "head" : "member"))],
        new ReportingDraft(5, "17:00", 0.5m, 10, [3, 1]),
        [new ContentDraft("c1", "Nội dung", [new CriterionDraft("k1", "Hoàn thành chỉ tiêu", "qualitative", 10, null, null, null, null, null, null, null, null)])]);
}
