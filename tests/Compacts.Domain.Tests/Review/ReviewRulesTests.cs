using Compacts.Domain.Review;
using E = Compacts.Domain.Review.ReviewEventKind;
using S = Compacts.Domain.Review.ReviewState;

namespace Compacts.Domain.Tests.Review;

public class ReviewRulesTests
{
    public static TheoryData<S?, bool, bool, S, E> AllowedRevisions => new()
    {
        { null, false, false, S.Submitted, E.Submitted },
        { null, true, false, S.Submitted, E.Submitted },
        { S.Submitted, false, false, S.Submitted, E.Submitted },
        { S.Returned, false, false, S.Submitted, E.Submitted },
        { S.Confirmed, false, false, S.Submitted, E.Reopened },
        { S.Confirmed, false, true, S.Submitted, E.Reopened },
        { S.Submitted, true, false, S.Submitted, E.Submitted },
        { S.Returned, true, true, S.Submitted, E.Submitted },
        { S.Confirmed, true, true, S.Confirmed, E.LockedCorrection },
    };

    [Theory]
    [MemberData(nameof(AllowedRevisions))]
    public void A_new_revision_enters_review_or_reopens_it_or_is_a_locked_correction(
        ReviewState? current, bool locked, bool byAdmin, ReviewState to, ReviewEventKind kind) =>
        Assert.Equal(new Transition(true, to, kind, null), ReviewRules.OnRevision(current, locked, byAdmin));

    [Fact]
    public void A_new_revision_of_a_confirmed_report_in_a_final_month_is_refused_to_a_unit()
    {
        var refused = ReviewRules.OnRevision(S.Confirmed, locked: true, byAdmin: false);

        Assert.False(refused.Allowed);
        Assert.Equal(S.Confirmed, refused.To);
        Assert.Contains("'confirmed'", refused.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_review_follows_the_state_table()
    {
        foreach (var current in Enum.GetValues<ReviewState>())
        {
            foreach (var decision in Enum.GetValues<ReviewDecision>())
            {
                foreach (var byAdmin in new[] { false, true })
                {
                    Transition? expected = (current, decision) switch
                    {
                        (S.Submitted, ReviewDecision.Return) => new(true, S.Returned, E.Returned, null),
                        (S.Submitted, ReviewDecision.Confirm) => new(true, S.Confirmed, E.Confirmed, null),
                        (S.Returned, ReviewDecision.Confirm) when byAdmin => new(true, S.Confirmed, E.Confirmed, null),
                        _ => null,
                    };

                    var unlocked = ReviewRules.OnReview(current, decision, locked: false, byAdmin);
                    var locked = ReviewRules.OnReview(current, decision, locked: true, byAdmin);

                    var because = $"{current} {decision} admin={byAdmin}";
                    if (expected is null)
                    {
                        Assert.Equal((because, false, current), (because, unlocked.Allowed, unlocked.To));
                        Assert.NotNull(unlocked.Refusal);
                    }
                    else
                    {
                        Assert.Equal((because, expected), (because, unlocked));
                    }

                    Assert.False(locked.Allowed, because);
                    Assert.Equal(current, locked.To);
                }
            }
        }
    }

    [Fact]
    public void An_explanation_sends_a_returned_report_back_to_review_and_is_refused_otherwise()
    {
        Assert.Equal(new Transition(true, S.Submitted, E.Explained, null), ReviewRules.OnExplanation(S.Returned, locked: false));
        Assert.False(ReviewRules.OnExplanation(S.Returned, locked: true).Allowed);
        Assert.False(ReviewRules.OnExplanation(S.Submitted, locked: false).Allowed);
        Assert.False(ReviewRules.OnExplanation(S.Confirmed, locked: false).Allowed);
    }

    [Fact]
    public void Every_refusal_is_one_sentence_naming_the_current_state()
    {
        var refusals = new List<(ReviewState Current, Transition Transition)> { (S.Confirmed, ReviewRules.OnRevision(S.Confirmed, true, false)) };
        foreach (var current in Enum.GetValues<ReviewState>())
        {
            refusals.Add((current, ReviewRules.OnExplanation(current, locked: true)));
            refusals.Add((current, ReviewRules.OnExplanation(current, locked: false)));
            foreach (var decision in Enum.GetValues<ReviewDecision>())
            {
                refusals.Add((current, ReviewRules.OnReview(current, decision, locked: true, byAdmin: true)));
                refusals.Add((current, ReviewRules.OnReview(current, decision, locked: false, byAdmin: false)));
            }
        }

        foreach (var (current, transition) in refusals.Where(r => !r.Transition.Allowed))
        {
            Assert.Contains($"'{ReviewRules.Name(current)}'", transition.Refusal, StringComparison.Ordinal);
            Assert.EndsWith(".", transition.Refusal, StringComparison.Ordinal);
            Assert.Single(transition.Refusal!.Split(". "));
        }

        Assert.Equal("The report is 'confirmed'; only a new revision reopens it.", ReviewRules.OnReview(S.Confirmed, ReviewDecision.Return, false, true).Refusal);
    }
}
