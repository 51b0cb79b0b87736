using Compacts.Domain.Review;

namespace Compacts.Domain.Reminders;

/// <summary><c>corrected</c>, to the unit, after a confirm with corrections: per corrected criterion the old and the new value and the comment. Once per review.</summary>
public sealed record CorrectedMail(
    Period Period, string UnitId, string ReviewId, int Revision, string Comment, IReadOnlyList<Correction> Corrections)
    : ReviewMail(Period, UnitId)
{
    public override string KindKey => PerItem("corrected", ReviewId);
}
