namespace Compacts.Domain.Review;

/// <summary>
/// A checked review item. <paramref name="Corrects"/>: a confirm sets a value that differs from the reported one; then
/// <paramref name="Value"/> is the corrected value, or null when the correction removes a reported adjustment. A value equal to the
/// reported one is kept with <paramref name="Corrects"/> false. A return's items carry only their comment.
/// </summary>
public sealed record ReviewItem(string? Comment, bool Corrects, ReportValue? Value);
