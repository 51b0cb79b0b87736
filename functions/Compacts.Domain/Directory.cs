namespace Compacts.Domain;

/// <summary>A member organisation (e.g. the police of one province) and the addresses its mail goes to.</summary>
public sealed record Unit(string UnitId, string Name, IReadOnlyList<string> Emails);

/// <summary>A reporter: a signed-in user (lower-case e-mail) who reports for one unit.</summary>
public sealed record User(string UserId, string UnitId, string Name);
