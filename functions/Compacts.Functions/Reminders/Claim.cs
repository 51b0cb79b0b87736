namespace Compacts.Functions.Reminders;

public abstract record Claim
{
    public sealed record Granted(ETag ETag, int Attempt) : Claim;

    public sealed record AlreadySent : Claim;

    /// <summary>Another run holds it (and its claim has not expired), or it failed too often.</summary>
    public sealed record NotNow(string Why) : Claim;
}
