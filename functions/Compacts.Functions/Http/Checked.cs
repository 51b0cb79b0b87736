using System.Diagnostics.CodeAnalysis;

namespace Compacts.Functions.Http;

/// <summary>What a route's check yields: the value the route goes on with, or the 4xx answer it returns instead.</summary>
public sealed class Checked<T>
{
    public Checked(T value) => Value = value;

    public Checked(ApiResult problem) => Problem = problem;

    public T? Value { get; }

    public ApiResult? Problem { get; }

    [MemberNotNullWhen(true, nameof(Problem))]
    [MemberNotNullWhen(false, nameof(Value))]
    public bool Failed => Problem is not null;

    /// <summary>This check, then a permission: 403 with <paramref name="refusal"/> when <paramref name="allowed"/> says no.</summary>
    public Checked<T> Require(Func<T, bool> allowed, string refusal) =>
        Failed || allowed(Value) ? this : new(Responses.Forbidden(refusal));

    /// <summary>The route's work on the checked value, or the check's answer.</summary>
    public async Task<IActionResult> ThenAsync(Func<T, Task<IActionResult>> next) => Failed ? Problem : await next(Value);

    public IActionResult Then(Func<T, IActionResult> next) => Failed ? Problem : next(Value);
}
