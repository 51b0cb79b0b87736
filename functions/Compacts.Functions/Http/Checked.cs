using System.Diagnostics.CodeAnalysis;

namespace Compacts.Functions.Http;

/// <summary>What a route's check yields: the value the route goes on with, or the 4xx answer it returns instead.</summary>
public sealed class Checked<T>
    where T : class
{
    public Checked(T value) => Value = value;

    public Checked(ApiResult problem) => Problem = problem;

    public T? Value { get; }

    public ApiResult? Problem { get; }

    [MemberNotNullWhen(true, nameof(Problem))]
    [MemberNotNullWhen(false, nameof(Value))]
    public bool Failed => Problem is not null;
}
