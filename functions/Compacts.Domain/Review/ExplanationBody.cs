namespace Compacts.Domain.Review;

/// <summary>A checked explanation: the revision it answers, its comment ("" when the items say it all) and a text per criterion.</summary>
public sealed record ExplanationBody(int Revision, string Comment, IReadOnlyDictionary<string, string> Items);
