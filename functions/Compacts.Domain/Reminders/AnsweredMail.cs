namespace Compacts.Domain.Reminders;

/// <summary>
/// <c>answered</c>, to the reviewers' unit (<see cref="ReviewReminderPolicy.ReviewersUnit"/>; none for the head's report without a deputy: send nothing), after an explanation or a new
/// revision answers a return of <paramref name="AnsweringUnitId"/>'s report: the revision now waiting, the explanation's comment
/// and texts per criterion (criterion id → text) when it is one. Once per event (<paramref name="AnswerId"/>: the history
/// event's id, or the explanation's).
/// </summary>
public sealed record AnsweredMail(
    Period Period, string UnitId, string AnsweringUnitId, string AnswerId, AnswerKind By, int Revision, string? Comment,
    IReadOnlyDictionary<string, string>? Items) : ReviewMail(Period, UnitId)
{
    public override string KindKey => PerItem("answered", AnswerId);
}
