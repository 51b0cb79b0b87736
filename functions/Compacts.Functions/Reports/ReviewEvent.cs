using Compacts.Domain.Review;

namespace Compacts.Functions.Reports;

/// <summary>One entry of a report's history: written in the same transaction as the change it records.</summary>
public sealed record ReviewEvent(
    DateTimeOffset At,
    string Actor,
    ReviewEventKind Event,
    int Revision,
    ReviewState? FromState,
    ReviewState ToState,
    string? Comment);
