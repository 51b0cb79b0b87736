namespace Compacts.Domain.Review;

/// <summary>
/// What an action does to a report in review: when <see cref="Allowed"/>, the state it leaves the report in and the event the history
/// records; otherwise <see cref="Refusal"/> says why (one English sentence naming the current state), <see cref="To"/> is the
/// current state and <see cref="Event"/> means nothing.
/// </summary>
public sealed record Transition(bool Allowed, ReviewState To, ReviewEventKind Event, string? Refusal)
{
    public static Transition Move(ReviewState to, ReviewEventKind kind) => new(true, to, kind, null);

    public static Transition Refused(ReviewState current, string reason) => new(false, current, default, reason);
}
