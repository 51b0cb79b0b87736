namespace Compacts.Functions.Users;

public sealed record UserBody(string? UnitId, string? Name);
