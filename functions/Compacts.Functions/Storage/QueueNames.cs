namespace Compacts.Functions.Storage;

/// <summary>
/// The work queues' names, literal in the queue triggers (the Flex Consumption scale controller watches the queue named in
/// the trigger and does not resolve <c>%Setting%</c> expressions reliably) and in infra/main.bicep. Tests and other shared
/// accounts isolate their queues with <see cref="StorageOptions.QueuePrefix"/>, which the development host honours too; under
/// the Functions host the prefix must stay empty.
/// </summary>
public static class QueueNames
{
    public const string Standings = "standings-work";

    public const string Reminders = "reminder-work";

    public static IReadOnlyList<string> All { get; } = [Standings, Reminders];

    /// <summary>The queue a message for <paramref name="triggerQueue"/> goes to, with the account's prefix.</summary>
    public static string Prefixed(string prefix, string triggerQueue) => prefix + triggerQueue;
}
