namespace Compacts.Functions.Reviews;

/// <summary>The 403 texts of the review routes.</summary>
public static class Refusals
{
    public static string Review(string unitId) =>
        $"Only the cluster head's users (the deputy's users for the head's own report) and admins may review '{unitId}', and never its own users.";
}
