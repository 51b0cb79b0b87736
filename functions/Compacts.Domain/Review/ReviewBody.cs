namespace Compacts.Domain.Review;

/// <summary>A checked review of one revision: the decision, its comment ("" for none) and the items by criterion id.</summary>
public sealed record ReviewBody(int Revision, ReviewDecision Decision, string Comment, IReadOnlyDictionary<string, ReviewItem> Items);
