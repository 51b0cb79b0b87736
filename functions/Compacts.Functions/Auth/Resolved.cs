using System.Diagnostics.CodeAnalysis;

namespace Compacts.Functions.Auth;

/// <summary>Who is calling, or why they may not: the HTTP layer turns <see cref="Denied"/> into a 401/403.</summary>
public sealed class Resolved
{
    public Resolved(Caller caller) => Caller = caller;

    public Resolved(Denial denied) => Denied = denied;

    public Caller? Caller { get; }

    public Denial? Denied { get; }

    [MemberNotNullWhen(true, nameof(Denied))]
    [MemberNotNullWhen(false, nameof(Caller))]
    public bool Refused => Denied is not null;
}
