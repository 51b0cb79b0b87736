namespace Compacts.Domain.Review;

/// <summary>A reviewer's decision on a revision (JSON: confirm, return).</summary>
public enum ReviewDecision
{
    Confirm,
    Return,
}
