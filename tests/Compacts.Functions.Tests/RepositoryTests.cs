using System.Diagnostics;

namespace Compacts.Functions.Tests;

/// <summary>The repository stands alone: its documentation is docs/api.md and docs/scoring.md, not files beside the checkout.</summary>
public class RepositoryTests
{
    /// <summary>Built from parts, so that this file does not contain what it looks for.</summary>
    private static readonly string[] OutsidePaths = [".." + "/shared", "shared" + "/docs/"];

    /// <summary>Generated or vendored files nobody writes by hand.</summary>
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { "package-lock.json" };

    [Fact]
    public async Task Nothing_in_the_repository_points_outside_it()
    {
        var root = TestApp.RepoRoot;
        var offenders = new List<string>();
        foreach (var path in await TrackedFilesAsync(root))
        {
            if (Skipped.Contains(Path.GetFileName(path)))
            {
                continue;
            }

            var full = Path.Combine(root, path);
            if (!File.Exists(full))
            {
                continue; // deleted in the work tree, not yet committed
            }

            var bytes = await File.ReadAllBytesAsync(full);
            if (IsBinary(bytes))
            {
                continue;
            }

            var lines = System.Text.Encoding.UTF8.GetString(bytes).Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (OutsidePaths.Any(p => lines[i].Contains(p, StringComparison.Ordinal)))
                {
                    offenders.Add($"{path}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Expect.Equal(0, offenders.Count,
            "These lines point outside the repository; refer to docs/api.md or docs/scoring.md instead:\n" + string.Join('\n', offenders));
    }

    /// <summary>Git's own test: a NUL byte in the first 8,000 bytes makes a file binary.</summary>
    private static bool IsBinary(byte[] bytes) => bytes.AsSpan(0, Math.Min(bytes.Length, 8000)).IndexOf((byte)0) >= 0;

    private static async Task<List<string>> TrackedFilesAsync(string root)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-c", "core.quotePath=off", "ls-files", "-z" })
        {
            start.ArgumentList.Add(argument);
        }

        using var git = Process.Start(start) ?? throw new InvalidOperationException("git could not be started.");
        var error = git.StandardError.ReadToEndAsync();
        var output = await git.StandardOutput.ReadToEndAsync();
        await git.WaitForExitAsync();
        Expect.Equal(0, git.ExitCode, $"git ls-files failed in {root}: {await error}");
        var files = output.Split('\0', StringSplitOptions.RemoveEmptyEntries).ToList();
        Assert.NotEmpty(files);
        return files;
    }
}
