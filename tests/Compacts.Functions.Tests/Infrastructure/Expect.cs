using Xunit.Sdk;

namespace Compacts.Functions.Tests.Infrastructure;

/// <summary>
/// <see cref="Assert.Equal{T}(T, T)"/> with a message: xUnit's Assert.Equal takes none, and the context an assertion
/// carries (a response's body, the offending lines) is what a failure needs most. The message goes above xUnit's
/// expected/actual report.
/// </summary>
public static class Expect
{
    public static void Equal<T>(T expected, T actual, string message)
    {
        try
        {
            Assert.Equal(expected, actual);
        }
        catch (EqualException e)
        {
            throw new XunitException(message + Environment.NewLine + e.Message);
        }
    }
}
