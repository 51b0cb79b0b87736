namespace Compacts.Functions.Units;

public sealed record UnitBody(string? Name, IReadOnlyList<string?>? Emails);
