using Compacts.Functions.Units;
using Compacts.Functions.Users;

namespace Compacts.Functions.Reminders;

/// <summary>The units' names and mail addresses, read once for a run (only when a mail is owed): a unit's own addresses, then its reporters'.</summary>
public sealed class MailDirectory
{
    private readonly Dictionary<string, Unit> _units;
    private readonly ILookup<string, string> _reporters;

    private MailDirectory(IEnumerable<Unit> units, IEnumerable<User> users)
    {
        _units = units.ToDictionary(u => u.UnitId, StringComparer.Ordinal);
        _reporters = users.ToLookup(u => u.UnitId, u => u.UserId, StringComparer.Ordinal);
        Names = _units.Values.ToDictionary(u => u.UnitId, u => u.Name, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, string> Names { get; }

    public static async Task<MailDirectory> LoadAsync(UnitStore units, UserStore users, CancellationToken cancellationToken) =>
        new(await units.ListAsync(cancellationToken), await users.ListAsync(cancellationToken));

    /// <summary>Every address of the unit, each once (none for an unknown unit without reporters).</summary>
    public IReadOnlyList<string> AddressesOf(string unitId) =>
        (_units.TryGetValue(unitId, out var unit) ? unit.Emails : [])
            .Concat(_reporters[unitId])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
}
