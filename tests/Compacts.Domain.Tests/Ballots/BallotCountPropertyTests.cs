using Compacts.Domain.Ballots;

namespace Compacts.Domain.Tests.Ballots;

/// <summary>
/// <see cref="BallotCount"/> against a second implementation written from the rule's text in another way: integers only (the threshold
/// scaled by 10^6), and each candidate judged on its own by counting who beats it, instead of sorting and walking seats.
/// Seeded, so a failure names its seed and repeats.
/// </summary>
public class BallotCountPropertyTests
{
    private const int Cases = 3000;

    private static readonly decimal[] Thresholds = [0m, 0m, 0.2m, 0.2m, 0.25m, 0.333333m, 0.5m, 0.6m, 0.666667m, 0.999999m]; // low ones often, so that ties reach the seats

    /// <summary>Elected and tie from the rule's text: eligible when votes × 10^6 &gt; threshold × 10^6 × cast; "better" is more votes, or equal
    /// votes and a better rank (unranked last). A candidate is elected when it and everyone better fit in the seats; those that straddle
    /// the last seat with an equal (votes, rank) are the tie.</summary>
    private static (HashSet<string> Elected, HashSet<string> Tie) Reference(
        IReadOnlyList<string> candidates, int seats, decimal threshold, int cast, IReadOnlyDictionary<string, int> votes, Dictionary<string, int>? ranks)
    {
        var scaled = (long)(threshold * 1_000_000m);
        var eligible = candidates.Where(c => votes[c] * 1_000_000L > scaled * cast).ToList();
        long Rank(string c) => ranks is not null && ranks.TryGetValue(c, out var r) ? r : long.MaxValue;
        bool Better(string a, string b) => votes[a] > votes[b] || (votes[a] == votes[b] && Rank(a) < Rank(b));
        bool Same(string a, string b) => votes[a] == votes[b] && Rank(a) == Rank(b);
        var elected = new HashSet<string>(StringComparer.Ordinal);
        var tie = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in eligible)
        {
            var better = eligible.Count(d => Better(d, c));
            var upToSame = better + eligible.Count(d => Same(d, c));
            if (upToSame <= seats)
            {
                elected.Add(c);
            }
            else if (better < seats)
            {
                tie.Add(c);
            }
        }

        return (elected, tie);
    }

    private static (Ballot Ballot, BallotTally Tally, Dictionary<string, int>? Ranks) Generate(int seed)
    {
        var random = new Random(seed);
        var units = Enumerable.Range(0, random.Next(1, 12)).Select(i => $"u{i:D2}").ToArray();
        var candidates = units.Where(_ => random.NextDouble() < 0.7).DefaultIfEmpty(units[0]).ToArray();
        var seats = random.Next(1, candidates.Length + 1);
        var ballot = new Ballot("b", "t", seats, candidates, DateTimeOffset.UnixEpoch.AddDays(2), random.NextDouble() < 0.5,
            Thresholds[random.Next(Thresholds.Length)], units, DateTimeOffset.UnixEpoch, "a@b.vn");
        var tally = BallotTally.Empty(ballot);
        // Few distinct preferences among voters make ties common.
        var favourites = candidates.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToArray();
        foreach (var voter in units.Where(_ => random.NextDouble() < 0.85))
        {
            var pool = random.NextDouble() < 0.6 ? favourites : candidates;
            var choices = pool.Where(c => c != voter || ballot.AllowSelfVote).OrderBy(_ => random.Next()).Take(random.Next(0, seats + 1)).ToList();
            var (vote, errors) = BallotValidator.ValidateVote(ballot, voter, choices);
            Assert.True(errors.IsEmpty);
            tally = tally.With(ballot, voter, vote!);
        }

        var ranks = random.NextDouble() < 0.3 ? null : units.Where(_ => random.NextDouble() < 0.7).ToDictionary(u => u, _ => random.Next(1, 3));
        return (ballot, tally, ranks);
    }

    [Fact]
    public void The_count_agrees_with_a_reference_written_from_the_rules()
    {
        var tied = 0;
        var rankDecided = 0;
        for (var seed = 0; seed < Cases; seed++)
        {
            var (ballot, tally, ranks) = Generate(seed);
            var result = BallotCount.Compute(ballot, tally, ranks, ranks is null ? null : "run");
            var (elected, tie) = Reference(ballot.Candidates, ballot.Seats, ballot.Threshold, tally.Cast, tally.CountsByCandidate(ballot), ranks);

            Assert.True(elected.SetEquals(result.Elected), $"seed {seed}: elected [{string.Join(",", result.Elected)}], reference [{string.Join(",", elected)}]");
            Assert.True(tie.SetEquals(result.Tie ?? []), $"seed {seed}: tie [{string.Join(",", result.Tie ?? [])}], reference [{string.Join(",", tie)}]");
            Assert.True(result.Tie is null || result.Tie.Count >= 2, $"seed {seed}: a tie of one");
            Assert.True(result.Elected.Count <= ballot.Seats && result.Elected.Count + (result.Tie is null ? 0 : 1) <= ballot.Seats, $"seed {seed}: too many seats");
            Assert.Equal(tally.Counts.Sum(), result.Counts.Values.Sum());
            Assert.Equal(result.Elected.Select(c => result.Counts[c]).OrderDescending(), result.Elected.Select(c => result.Counts[c])); // by votes
            tied += result.Tie is null ? 0 : 1;
            var counts = result.Counts;
            rankDecided += result.Tie is null && result.Elected.Count > 0
                && ballot.Candidates.Any(c => !result.Elected.Contains(c) && counts[c] == counts[result.Elected[^1]]) ? 1 : 0;
        }

        Assert.True(tied > Cases / 50, $"only {tied} of {Cases} generated counts had a tie left: the generator does not reach the tie rule");
        Assert.True(rankDecided > Cases / 50, $"only {rankDecided} of {Cases} generated counts had a tie the rank decided");
    }

    [Fact]
    public void Ballots_cast_and_choices_add_up()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var (ballot, tally, _) = Generate(seed);

            Assert.True(tally.Counts.Sum() <= tally.Cast * ballot.Seats, $"seed {seed}");
            Assert.True(tally.Blank <= tally.Cast, $"seed {seed}");
            Assert.Equal(tally.Voted.Order(StringComparer.Ordinal), tally.Voted);
            Assert.Equal(tally.Voted.Count, tally.Voted.Distinct().Count());
        }
    }
}
